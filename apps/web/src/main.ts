// The web shell: confirms the server and the warehouse answer. The dashboard is built on this.
import './style.css';

interface Health {
  status: string;
  database: string;
  rollupQueue: number;
}
interface About {
  demoNotice: { vi: string; en: string } | null;
}
interface Domain {
  code: string;
  name: string;
  nameEn: string;
}

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#domains')!;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

async function show(): Promise<void> {
  const [health, about, { domains }] = await Promise.all([
    getJson<Health>('/healthz'),
    getJson<About>('/api/v1/about'),
    getJson<{ domains: Domain[] }>('/api/v1/domains'),
  ]);
  const notice = about.demoNotice ? ` ${about.demoNotice.vi} / ${about.demoNotice.en}.` : '';
  status.textContent = `Hệ thống hoạt động (CSDL ${health.database}, ${domains.length} lĩnh vực).${notice}`;
  list.replaceChildren(
    ...domains.map((d) => {
      const item = document.createElement('li');
      item.textContent = `${d.name} — ${d.nameEn}`;
      return item;
    }),
  );
}

show().catch((err: unknown) => {
  status.textContent = `Không kết nối được máy chủ / Cannot reach the server: ${String(err)}`;
});
