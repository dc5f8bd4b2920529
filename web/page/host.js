// The partner's side of index.html: create the configurator on the page's canvas and show its
// quote total in the page's own text. A partner copies this file and adapts it.
'use strict';

(async function() {
  const canvas = document.getElementById('apos-canvas');
  const summary = document.getElementById('quote-summary');
  // The offline page inlines the catalog and font (see web/tools/make_offline_page.py).
  const inline = document.getElementById('apos-inline-assets');
  const assets = inline ? JSON.parse(inline.textContent) : null;

  const configurator = await createConfigurator({
    canvas,
    catalogUrl: 'catalog/',
    catalog: assets ? assets.catalog : undefined,
    fontUrl: 'font/apos-sans.ttf',
    font: assets ? Uint8Array.from(atob(assets.font), (c) => c.charCodeAt(0)) : undefined,
    // The workbook reader, loaded only when a workbook is opened: apos-xlsx.wasm beside apos.js, or inlined.
    xlsxReader: assets ? assets.xlsx_reader : undefined,
    // Large fleets are evaluated in Web Workers (worker-src blob: in the page's CSP) with this module:
    // apos-fleet.wasm beside apos.js, or inlined. fleetWorkers: 0 keeps them on the page's thread.
    fleetWorker: assets ? assets.fleet_worker : undefined,
    syncHash: true,
    mirror: document.getElementById('apos-mirror'),
  });
  // Handy in the console and used by the browser tests; the page adds no global of its own.
  canvas.configurator = configurator;

  const errors = configurator.catalogErrors();
  summary.textContent = errors.length ? `Catalog problem: ${errors[0].message}` : 'No services selected.';
  configurator.onQuoteChange((quote) => {
    if (!quote.lines || quote.lines.length === 0) {
      summary.textContent = 'No services selected.';
      return;
    }
    const t = quote.totals;
    // The quote's own statuses, counted: a line waiting for approval is not money in hand.
    const approval = quote.lines.filter((line) => line.status === 'needs-approval').length;
    const waiting = approval ? ` ${approval} of them need${approval === 1 ? 's' : ''} approval before the order.` : '';
    summary.textContent = `${quote.lines.length} line(s): list ${t.list.text}, partner price ` +
                          `${t.partner_price.text}, margin ${t.margin}.${waiting}`;
  });
  canvas.dispatchEvent(new CustomEvent('apos-ready', {detail: configurator}));
})();
