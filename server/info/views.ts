/**
 * Page views: a counter per page, language and day (site time zone). No kiosk, no time of day, no
 * session — nothing that could tell one resident from another.
 */
import type { Db, Migration, Statement } from '../store/database.js';

export const infoMigrations: readonly Migration[] = [
  {
    id: 'info-001-page-views',
    sql: `
      CREATE TABLE info_page_views (
        day TEXT NOT NULL,
        slug TEXT NOT NULL,
        lang TEXT NOT NULL,
        views INTEGER NOT NULL,
        PRIMARY KEY (day, slug, lang)
      );
    `,
  },
];

export interface ViewRow {
  day: string;
  slug: string;
  lang: string;
  views: number;
}

export class InfoViews {
  private readonly countView: Statement<[string, string, string]>;
  private readonly daysBetween: Statement<[string, string], ViewRow>;

  constructor(db: Db) {
    this.countView = db.prepare(
      'INSERT INTO info_page_views (day, slug, lang, views) VALUES (?, ?, ?, 1) ON CONFLICT (day, slug, lang) DO UPDATE SET views = views + 1',
    );
    this.daysBetween = db.prepare(
      'SELECT day, slug, lang, views FROM info_page_views WHERE day >= ? AND day <= ? ORDER BY day, slug, lang',
    );
  }

  count(day: string, slug: string, lang: string): void {
    this.countView.run(day, slug, lang);
  }

  /** Days from `fromDay` to `toDay`, both included ("YYYY-MM-DD" sorts as text). */
  between(fromDay: string, toDay: string): ViewRow[] {
    return this.daysBetween.all(fromDay, toDay);
  }
}
