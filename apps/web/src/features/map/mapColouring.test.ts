import { describe, expect, it } from 'vitest';
import { LEVEL_FILL, VALUE_RAMP } from '../../ui/warningColours';
import type { MapUnitCollection } from './api/mapApi';
import { colourUnits, shortUnitName, valueClasses } from './mapColouring';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ],
  ],
};
const collection: MapUnitCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: '689',
      geometry: square,
      properties: {
        code: '689',
        name: 'Thành phố Đồng Xoài',
        nameEn: 'Dong Xoai city',
        level: 'district',
        schematic: false,
      },
    },
    {
      type: 'Feature',
      id: '688',
      geometry: square,
      properties: {
        code: '688',
        name: 'Thị xã Phước Long',
        nameEn: 'Phuoc Long town',
        level: 'district',
        schematic: true,
      },
    },
    {
      type: 'Feature',
      id: '690',
      geometry: square,
      properties: { code: '690', name: 'Thị xã Bình Long', level: 'district', schematic: true },
    },
  ],
};

describe('map colouring', () => {
  it('shortens unit names for labels in both languages', () => {
    expect(shortUnitName('Thành phố Đồng Xoài', 'vi')).toBe('Đồng Xoài');
    expect(shortUnitName('Huyện Bù Gia Mập', 'vi')).toBe('Bù Gia Mập');
    expect(shortUnitName('Dong Xoai city', 'en')).toBe('Dong Xoai');
  });

  it('colours by warning level with Vietnamese number labels; restricted and missing units stay grey', () => {
    const readings = new Map([
      ['689', { code: '689', value: 1234.5, level: 'red' as const }],
      ['688', { code: '688', value: 3, level: 'green' as const, restricted: true }],
    ]);
    const result = colourUnits(collection, readings, {
      colourBy: 'level',
      classes: [],
      decimals: 1,
      lang: 'vi',
      showValues: true,
    });
    expect(result.features.map((f) => f.properties.fill)).toEqual([
      LEVEL_FILL.red,
      LEVEL_FILL.no_data,
      LEVEL_FILL.no_data,
    ]);
    expect(result.features[0]?.properties.label).toBe('Đồng Xoài\n1.234,5');
    expect(result.features[1]?.properties).toMatchObject({ label: 'Phước Long', schematic: true });
  });

  it('splits values into quantile classes light to dark', () => {
    const classes = valueClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(classes).toHaveLength(5);
    expect(classes[0]).toMatchObject({ from: 1, to: 2, colour: VALUE_RAMP[0] });
    expect(classes[4]).toMatchObject({ from: 9, to: 10, colour: VALUE_RAMP[4] });
    expect(valueClasses([5, 5])).toEqual([{ from: 5, to: 5, colour: VALUE_RAMP[4] }]);
  });
});
