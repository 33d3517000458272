import { geometryCentroid, type UnitLevel } from '@ioc/shared';
import type { Actor } from '../auth/actor.js';
import { authorise, type Writer } from '../auth/policy.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { RowError } from '../observations/observation-rows.js';
import { forgetUnitTree, loadUnitTree, type UnitNode } from '../units/unit-tree.js';
import { existsDuring, requirePeriod } from '../values/assessment.js';
import { gridAround, separateCells, squareCell } from './schematic.js';

/** Cell sizes of schematic units, in degrees: a district is ~30 km across, a commune ~5–10 km. */
const CELL_SIZE: Record<UnitLevel, number> = { province: 0.5, district: 0.1, commune: 0.045 };

interface Feature {
  type: 'Feature';
  id: string;
  properties: {
    code: string;
    name: string;
    nameEn: string | null;
    level: UnitLevel;
    parentCode: string | null;
    schematic: boolean;
  };
  geometry: unknown;
}

/** The map layer of units: official boundaries where loaded, schematic cells elsewhere. */
export class MapService {
  constructor(
    private readonly db: Db,
    /** Called after boundaries changed, e.g. to place cameras in the units they now fall in. */
    private readonly onBoundariesChanged: () => Promise<unknown> = async () => {},
  ) {}

  async units(
    _actor: Actor,
    query: { level: UnitLevel; period: string },
  ): Promise<{ type: 'FeatureCollection'; features: Feature[] }> {
    const period = requirePeriod(query.period);
    const tree = await loadUnitTree(this.db);
    const units = tree.units.filter((u) => u.level === query.level && existsDuring(u, period));
    const withBoundary = units.filter((u) => u.hasBoundary).map((u) => u.id);
    const geometries = withBoundary.length
      ? await this.db.selectFrom('units').select(['id', 'geometry']).where('id', 'in', withBoundary).execute()
      : [];
    const boundary = new Map(geometries.map((g) => [g.id, g.geometry]));
    const schematic = this.schematicCentres(
      units.filter((u) => !u.hasBoundary),
      (id) => tree.byId.get(id),
    );
    const features: Feature[] = [];
    for (const unit of units) {
      const geometry =
        boundary.get(unit.id) ??
        (schematic.has(unit.id) ? squareCell(schematic.get(unit.id)!, CELL_SIZE[unit.level]) : null);
      if (!geometry) continue;
      features.push({
        type: 'Feature',
        id: unit.code,
        properties: {
          code: unit.code,
          name: unit.name,
          nameEn: unit.nameEn,
          level: unit.level,
          parentCode: unit.parentId === null ? null : (tree.byId.get(unit.parentId)?.code ?? null),
          schematic: !boundary.has(unit.id),
        },
        geometry,
      });
    }
    return { type: 'FeatureCollection', features };
  }

  /** A unit's own centroid, or a place in a grid around its parent's; units with neither are left off the map. */
  private schematicCentres(
    units: UnitNode[],
    byId: (id: number) => UnitNode | undefined,
  ): Map<number, [number, number]> {
    const out = new Map<number, [number, number]>();
    const byParent = new Map<number, UnitNode[]>();
    for (const unit of units) {
      if (unit.centroid) out.set(unit.id, unit.centroid);
      else if (unit.parentId !== null)
        byParent.set(unit.parentId, [...(byParent.get(unit.parentId) ?? []), unit]);
    }
    for (const [parentId, children] of byParent) {
      const centre = byId(parentId)?.centroid;
      if (!centre) continue;
      const level = children[0]!.level;
      gridAround(centre, children.length, CELL_SIZE[level] * 1.15).forEach((c, i) =>
        out.set(children[i]!.id, c),
      );
    }
    // Cells of one level must not hide each other.
    for (const level of new Set(units.map((u) => u.level))) {
      const ids = units.filter((u) => u.level === level && out.has(u.id)).map((u) => u.id);
      separateCells(
        ids.map((id) => out.get(id)!),
        CELL_SIZE[level],
      ).forEach((c, i) => out.set(ids[i]!, c));
    }
    return out;
  }

  /**
   * Loads official boundaries from a GeoJSON FeatureCollection whose features carry `properties.code`
   * (and optionally `properties.valid_on`, a date picking the unit version). All or nothing unless `partial`.
   */
  async importBoundaries(
    writer: Writer,
    collection: unknown,
    options: { partial: boolean },
  ): Promise<{ updated: number; errors: RowError[] }> {
    const by = authorise(writer, 'catalogue.write');
    const features = (collection as { type?: string; features?: unknown[] })?.features;
    if ((collection as { type?: string })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
      throw new AppError('VALIDATION_FAILED', null, {
        vi: 'Tệp ranh giới phải là GeoJSON FeatureCollection.',
        en: 'The boundary file must be a GeoJSON FeatureCollection.',
      });
    }
    const tree = await loadUnitTree(this.db);
    const errors: RowError[] = [];
    const updates: { unit: UnitNode; geometry: unknown; centroid: [number, number] }[] = [];
    features.forEach((raw, index) => {
      const feature = raw as {
        properties?: { code?: unknown; valid_on?: unknown };
        geometry?: { type?: string };
      };
      const row = index + 1;
      const code = String(feature.properties?.code ?? '').trim();
      const fail = (field: string, errorCode: string, vi: string, en: string) =>
        errors.push({
          row,
          field,
          code: errorCode,
          message: vi,
          messageEn: en,
          ...(code ? { value: code } : {}),
        });
      if (!code)
        return fail(
          'properties.code',
          'MISSING_FIELD',
          `Đối tượng thứ ${row} thiếu properties.code.`,
          `Feature ${row} lacks properties.code.`,
        );
      const unit = tree.findByCode(
        code,
        typeof feature.properties?.valid_on === 'string' ? feature.properties.valid_on : undefined,
      );
      if (!unit)
        return fail(
          'properties.code',
          'UNKNOWN_UNIT',
          `Không có đơn vị hành chính mã "${code}".`,
          `Unknown unit "${code}".`,
        );
      const type = feature.geometry?.type;
      const centroid =
        type === 'Polygon' || type === 'MultiPolygon' ? geometryCentroid(feature.geometry) : null;
      if (!centroid) {
        return fail(
          'geometry',
          'BAD_GEOMETRY',
          `Ranh giới của "${code}" phải là Polygon hoặc MultiPolygon hợp lệ.`,
          `The boundary of "${code}" must be a valid Polygon or MultiPolygon.`,
        );
      }
      updates.push({ unit, geometry: feature.geometry, centroid });
    });
    if (errors.length > 0 && !options.partial) throw new AppError('ROWS_REJECTED', { errors });
    await this.db.transaction().execute(async (trx) => {
      for (const u of updates) {
        await trx
          .updateTable('units')
          .set({
            geometry: JSON.stringify(u.geometry),
            has_boundary: true,
            centroid_lon: u.centroid[0],
            centroid_lat: u.centroid[1],
          })
          .where('id', '=', u.unit.id)
          .execute();
      }
      await writeAudit(trx, by, 'write', 'boundaries', `${updates.length}`, null, {
        units: updates.map((u) => u.unit.code),
      });
    });
    forgetUnitTree(this.db);
    if (updates.length > 0) await this.onBoundariesChanged();
    return { updated: updates.length, errors };
  }
}
