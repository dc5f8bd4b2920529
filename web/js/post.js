// --post-js of apos.js: the configurator's JS API, added to this instance's Module object, which
// is what `await createConfigurator({...})` resolves to. JSON shapes are the CLI's (`apos
// eligibility`, `apos quote`). Strings cross into WASM through _malloc'd buffers, never through
// ccall's 'string' arguments (those go on the 5 MB stack).

(function() {
  function withCString(text, use) {
    var size = lengthBytesUTF8(text) + 1;
    var ptr = _malloc(size);
    stringToUTF8(text, ptr, size);
    try {
      return use(ptr);
    } finally {
      _free(ptr);
    }
  }

  // The C side returns a pointer to a string it keeps until its next call.
  function readJson(ptr) {
    return JSON.parse(UTF8ToString(ptr));
  }

  // Runs after the runtime started and before main(): hand the fetched assets to C++.
  var userInitialized = Module['onRuntimeInitialized'];
  Module['onRuntimeInitialized'] = function() {
    var assets = Module['aposAssets'] || {catalog: [], font: null};
    delete Module['aposAssets'];
    if (assets.font && assets.font.length) {
      var fontPtr = _malloc(assets.font.length);
      HEAPU8.set(assets.font, fontPtr);
      _apos_set_font(fontPtr, assets.font.length);
      _free(fontPtr);
    }
    _apos_catalog_begin();
    assets.catalog.forEach(function(source) {
      withCString(source.file, function(filePtr) {
        withCString(source.text, function(textPtr) { _apos_catalog_add(filePtr, textPtr); });
      });
    });
    _apos_catalog_commit();
    if (typeof performance != 'undefined' && performance.mark) performance.mark('apos:catalog');
    if (typeof Module['state'] == 'string') Module['setState'](Module['state']);
    if (userInitialized) userInitialized();
  };

  /** Replaces the configuration: a quote request ({as_of, customer, items: [{device, services}]})
   *  or its one-item short form ({as_of, customer, device, services}). Returns {ok, errors}. */
  Module['configure'] = function(state) {
    var text = typeof state == 'string' ? state : JSON.stringify(state);
    return withCString(text, function(ptr) { return readJson(_apos_configure(ptr)); });
  };

  /** The resolved device and every offer, as `apos eligibility` prints them. */
  Module['eligibility'] = function() { return readJson(_apos_eligibility()); };

  /** The current quote, as `apos quote` prints it. */
  Module['quote'] = function() { return readJson(_apos_quote()); };

  /** Calls `callback(quote)` whenever the quote changes. Returns a function that unsubscribes. */
  Module['onQuoteChange'] = function(callback) {
    var listeners = Module['aposListeners'] = Module['aposListeners'] || [];
    listeners.push(callback);
    return function() {
      var at = listeners.indexOf(callback);
      if (at >= 0) listeners.splice(at, 1);
    };
  };

  /** The configuration as the URL-hash string (without '#'). */
  Module['getState'] = function() { return UTF8ToString(_apos_get_state()); };

  /** Restores a configuration from getState()'s string. Returns {ok, errors}. */
  Module['setState'] = function(text) {
    return withCString(String(text), function(ptr) { return readJson(_apos_set_state(ptr)); });
  };

  /** The catalog's validation errors ({file, path, line, message}); empty when it loaded. */
  Module['catalogErrors'] = function() { return readJson(_apos_catalog_errors()); };

  /** Every ImGui item of the last frame: {id, label, name, window, x, y, w, h, visible, ...};
   *  x/y/w/h in CSS pixels relative to the canvas' top-left corner. */
  Module['widgets'] = function() { return readJson(_apos_widgets()); };

  /** Debug hook for layout tests: the last frame's items cut at the right edge of their window or
   *  table cell without an ellipsis: {kind: "clipped" | "narrow-column", window, label, x, y, w, h,
   *  clip_right} in CSS pixels. Empty when everything fits. */
  Module['layoutProblems'] = function() { return readJson(_apos_layout_problems()); };

  /** Frames drawn so far; tests wait on it to let ImGui see each input. */
  Module['frameCount'] = function() { return _apos_frame_count(); };

  /** Loads an installed base (the fleet CSV of ../shared/DESIGN.md, or an .xlsx workbook: its first
   *  sheet): a File or Blob, an ArrayBuffer or
   *  typed array, or a string. Resolves once the bytes are handed over; the configurator then
   *  parses and evaluates them over the next frames (watch fleetSummary()). Replaces any fleet. */
  Module['loadFleet'] = function(data, name) {
    var fileName = String(name || (data && data.name) || 'fleet.csv');
    var bytes;
    if (typeof data == 'string') bytes = Promise.resolve(new TextEncoder().encode(data));
    else if (typeof Blob != 'undefined' && data instanceof Blob) {
      bytes = data.arrayBuffer().then(function(buffer) { return new Uint8Array(buffer); });
    } else if (data instanceof ArrayBuffer) bytes = Promise.resolve(new Uint8Array(data));
    else if (ArrayBuffer.isView(data)) bytes = Promise.resolve(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    else return Promise.reject(new TypeError('loadFleet: expected a File, Blob, ArrayBuffer, typed array or string'));
    return bytes.then(function(array) {
      // A workbook (a ZIP archive) needs the reader module first (xlsx_reader.js).
      var zip = array.length >= 4 && array[0] == 0x50 && array[1] == 0x4B &&
                ((array[2] == 3 && array[3] == 4) || (array[2] == 5 && array[3] == 6));
      return zip ? Module['aposPrepareWorkbookReader']().then(function() { return array; }) : array;
    }).then(function(array) {
      // Straight into the string the app keeps (never the 5 MB stack, see withCString): one copy.
      var ptr = _apos_file_buffer(array.length);
      if (!ptr) throw new RangeError('loadFleet: ' + fileName + ' (' + array.length + ' bytes) does not fit in memory');
      HEAPU8.set(array, ptr);  // HEAPU8 after the call: room may have grown the memory
      // What arrived, as given (a picked file is a reference, not a copy), for keeping it in this
      // browser if the app takes it as the fleet (library_apos.js, apos_js_fleet_taken).
      Module['aposArriving'] = {name: fileName, data: typeof data == 'string' ? array : data};
      withCString(fileName, function(namePtr) { _apos_file_arrived(namePtr); });
    });
  };

  /** The loaded fleet: {stage, file, done, total, rows, bad_rows, format?, map?, summary?}. stage
   *  is "empty", "reading", "mapping" (the page asks which column is which), "evaluating", "done",
   *  "cancelled" or "failed"; format is how the file was read (`apos fleet`'s "format"), map the
   *  --map text and date_order the --date-order of a mapping the page used; summary (the
   *  `apos fleet` JSON summary) appears once evaluation is done, with workers (how many Web
   *  Workers evaluated it; 0: this page's thread) and, when they could not be used, workers_failure. */
  Module['fleetSummary'] = function() { return readJson(_apos_fleet_summary()); };

  /** The evaluated fleet's units, each as `apos fleet --format json` writes it (empty before
   *  evaluation is done). For tests and small fleets: it is the whole list at once. */
  Module['fleetUnits'] = function() { return readJson(_apos_fleet_units()); };

  // ---- Page integration ------------------------------------------------------------------------
  // Back/forward and hand-edited hashes reach the instance that owns the hash.
  if (Module['syncHash']) {
    window.addEventListener('hashchange', function() {
      var hash = location.hash.replace(/^#/, '');  // encoded, as apos_js_read_hash passes it
      if (hash !== Module['aposLastHash']) Module['setState'](hash);
    });
  }

  // ---- The accessible DOM mirror ----------------------------------------------------------------
  // Screen readers cannot see into the canvas. `mirror` (a container, or a <table> as older pages
  // give) gets real HTML: an aria-live summary with the total, the QUOTE as a <table> (lines,
  // rejected services, programs, totals, the sample notice and the rounding statement) that can
  // be read, copied and printed, and a text list of the controls. Amounts are the quote()
  // JSON's own texts; nothing is computed here.
  if (Module['mirror']) {
    var given = Module['mirror'];
    var quoteBox, controlsTable;
    if (given.tagName === 'TABLE') {
      controlsTable = given;
      quoteBox = document.createElement('div');
      given.parentNode.insertBefore(quoteBox, given);
    } else {
      quoteBox = given.appendChild(document.createElement('div'));
      controlsTable = given.appendChild(document.createElement('table'));
      controlsTable.className = 'apos-mirror-controls';
      controlsTable.createCaption().textContent = 'Configurator controls (text version)';
      var headRow = controlsTable.createTHead().insertRow();
      ['Control', 'State'].forEach(function(name) {
        var th = document.createElement('th');
        th.scope = 'col';
        th.textContent = name;
        headRow.appendChild(th);
      });
    }
    quoteBox.className = 'apos-mirror-quote';
    var summary = quoteBox.appendChild(document.createElement('p'));
    summary.className = 'apos-mirror-summary';
    summary.setAttribute('role', 'status');
    summary.setAttribute('aria-live', 'polite');
    summary.textContent = 'No services on the quote.';
    var quoteTable = quoteBox.appendChild(document.createElement('table'));
    quoteTable.className = 'apos-mirror-quote-table';
    quoteTable.createCaption().textContent = 'Quote (text version)';
    var columns = ['Service', 'Part', 'Term', 'Qty', 'Unit list', 'Line list', 'Partner price', 'Notes'];
    var quoteHead = quoteTable.createTHead().insertRow();
    columns.forEach(function(name) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      quoteHead.appendChild(th);
    });
    var quoteBody = quoteTable.createTBody();
    var quoteFoot = quoteTable.createTFoot();
    var notice = quoteBox.appendChild(document.createElement('p'));
    notice.className = 'apos-mirror-notice';
    var rounding = quoteBox.appendChild(document.createElement('p'));
    rounding.className = 'apos-mirror-rounding';

    // One row: a header cell, then cells; `key` marks rows tests and scripts can find.
    var addRow = function(section, head, cells, key) {
      var tr = section.insertRow();
      if (key) tr.setAttribute('data-row', key);
      var th = document.createElement('th');
      th.scope = 'row';
      th.textContent = head;
      tr.appendChild(th);
      cells.forEach(function(cell) {
        var td = tr.insertCell();
        if (cell && typeof cell == 'object') {
          td.textContent = cell.text;
          if (cell.span) td.colSpan = cell.span;
          if (cell.key) td.setAttribute('data-total', cell.key);
        } else td.textContent = cell == null ? '' : String(cell);
      });
      return tr;
    };
    var renderQuote = function(q) {
      if (!q || q.error) return;
      quoteBody.textContent = '';
      quoteFoot.textContent = '';
      (q.lines || []).forEach(function(l) {
        var notes = (l.notes || []).map(function(n) { return n.rule + ': ' + n.message; }).join(' ');
        addRow(quoteBody, l.name, [l.part_number, l.term_years ? l.term_years + ' yr' : 'one-off', l.quantity,
                                   l.unit_list.text, l.line_list.text, l.line_partner.text,
                                   (l.status === 'needs-approval' ? 'Needs approval. ' : '') + notes], 'line');
      });
      (q.rejected || []).forEach(function(r) {
        var why = (r.reasons || []).map(function(n) { return n.rule + ': ' + n.message; }).join(' ');
        addRow(quoteBody, r.service, [{text: 'Not on the quote (cannot be sold). ' + why, span: columns.length - 1}], 'rejected');
      });
      var programs = q.programs || {amounts: []};
      programs.amounts.forEach(function(a) {
        addRow(quoteFoot, a.name + ' (' + a.rule + ')',
               [{text: 'Program table ' + programs.table + ', ' + (a.rate ? a.rate + ' of ' + a.basis_amount.text
                       : a.units + ' units x ' + a.per_unit.text) + (a.capped ? ' (capped)' : ''), span: columns.length - 2},
                a.amount.text], 'program');
      });
      var t = q.totals;
      var wide = columns.length - 2;
      addRow(quoteFoot, 'List total', [{text: q.currency, span: wide}, {text: t.list.text, key: 'list'}], 'total');
      addRow(quoteFoot, 'Partner price', [{text: q.currency, span: wide}, {text: t.partner_price.text, key: 'partner_price'}], 'total');
      addRow(quoteFoot, 'Partner benefit (programs)', [{text: q.currency, span: wide}, {text: t.partner_benefit.text, key: 'partner_benefit'}], 'total');
      addRow(quoteFoot, 'Margin', [{text: '', span: wide}, {text: t.margin, key: 'margin'}], 'total');
      notice.textContent = q.notice + ' Price book: ' + q.catalog + '.';
      rounding.textContent = q.rounding;
      summary.textContent = q.lines.length
        ? q.lines.length + ' line(s) on the quote: list total ' + t.list.text + ', partner price ' + t.partner_price.text +
          ', partner benefit ' + t.partner_benefit.text + ', margin ' + t.margin + '.'
        : 'No services on the quote.';
    };
    // The mirror listens like any page script would (onQuoteChange's listener list).
    (Module['aposListeners'] = Module['aposListeners'] || []).push(renderQuote);

    var lastRows = '';
    setInterval(function() {
      // Not before the first frame: it has no widgets yet, and that frame comes first.
      if (!Module['calledRun'] || !_apos_frame_count()) return;
      var rows = Module['widgets']().filter(function(w) { return w.visible && w.label; });
      var key = JSON.stringify(rows.map(function(w) { return [w.label, w.checked, w.opened]; }));
      if (key === lastRows) return;
      lastRows = key;
      var body = controlsTable.tBodies[0] || controlsTable.appendChild(document.createElement('tbody'));
      body.textContent = '';
      rows.forEach(function(w) {
        var tr = body.insertRow();
        var th = document.createElement('th');
        th.scope = 'row';
        th.textContent = w.label;
        tr.appendChild(th);
        tr.insertCell().textContent = w.checkable ? (w.checked ? 'checked' : 'not checked')
                                    : w.openable ? (w.opened ? 'expanded' : 'collapsed') : w.role;
      });
    }, 300);
  }
})();
