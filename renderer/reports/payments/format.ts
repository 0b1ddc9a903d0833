/** How the staff payments page shows money, dates and ids (English only, like the other reports). */

export const pounds = (pence: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);

export const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB');

/** The first eight characters of a payment id: what the kiosk told the resident to quote. */
export const shortId = (id: string) => id.slice(0, 8).toUpperCase();
