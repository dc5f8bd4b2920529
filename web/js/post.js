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

  /** Frames drawn so far; tests wait on it to let ImGui see each input. */
  Module['frameCount'] = function() { return _apos_frame_count(); };

  // ---- Page integration ------------------------------------------------------------------------
  // Back/forward and hand-edited hashes reach the instance that owns the hash.
  if (Module['syncHash']) {
    window.addEventListener('hashchange', function() {
      var hash = decodeURIComponent(location.hash.replace(/^#/, ''));
      if (hash !== Module['aposLastHash']) Module['setState'](hash);
    });
  }

  // An accessible text copy of the controls (screen readers cannot see into the canvas).
  if (Module['mirror']) {
    var lastRows = '';
    setInterval(function() {
      if (!Module['calledRun']) return;
      var rows = Module['widgets']().filter(function(w) { return w.visible && w.label; });
      var key = JSON.stringify(rows.map(function(w) { return [w.label, w.checked, w.opened]; }));
      if (key === lastRows) return;
      lastRows = key;
      var table = Module['mirror'];
      var body = table.tBodies[0] || table.appendChild(document.createElement('tbody'));
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
