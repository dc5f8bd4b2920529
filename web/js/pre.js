// --pre-js of apos.js: reads createConfigurator(options) and loads the catalog and font before
// main() runs. With MODULARIZE the options object *is* this instance's Module, so nothing here
// touches page globals.
//
// Options: canvas (element or selector, required), catalogUrl (folder, default "catalog/") or
// catalog ({"policy.json": text or object, ...}), fontUrl (default "font/apos-sans.ttf") or
// font (ArrayBuffer / Uint8Array), syncHash (this instance owns location.hash), mirror (a <table>
// or selector that gets an accessible text copy of the controls), state (initial state string).

(function() {
  if (typeof Module['canvas'] == 'string') Module['canvas'] = document.querySelector(Module['canvas']);
  if (!Module['canvas'] || !Module['canvas'].getContext) {
    throw new Error('createConfigurator: options.canvas must be a <canvas> element or a selector for one');
  }
  if (typeof Module['mirror'] == 'string') Module['mirror'] = document.querySelector(Module['mirror']);

  // The file names of a catalog folder, in load order (core/include/apos/catalog.hpp kCatalogFiles).
  var CATALOG_FILES = ['policy.json', 'machine_types.json', 'offerings.json', 'programs.json', 'recommendations.json'];

  function fetchText(url) {
    return fetch(url, {credentials: 'same-origin'}).then(function(response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text();
    });
  }

  function loadCatalog() {
    var given = Module['catalog'];
    if (given) {
      return Promise.resolve(CATALOG_FILES.filter(function(name) { return given[name] !== undefined; })
        .map(function(name) {
          var value = given[name];
          return {file: name, text: typeof value == 'string' ? value : JSON.stringify(value)};
        }));
    }
    var base = Module['catalogUrl'] || 'catalog/';
    if (base.charAt(base.length - 1) != '/') base += '/';
    return Promise.all(CATALOG_FILES.map(function(name) {
      return fetchText(base + name).then(function(text) {
        return {file: name, text: text};
      }, function(error) {
        // A missing file is reported by the core's validator, with the file name.
        console.error('apos: could not load ' + base + name + ': ' + error.message);
        return null;
      });
    })).then(function(files) { return files.filter(Boolean); });
  }

  function loadFont() {
    var given = Module['font'];
    if (given) return Promise.resolve(given instanceof Uint8Array ? given : new Uint8Array(given));
    return fetch(Module['fontUrl'] || 'font/apos-sans.ttf', {credentials: 'same-origin'})
      .then(function(response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.arrayBuffer();
      })
      .then(function(buffer) { return new Uint8Array(buffer); })
      .catch(function(error) {
        // ImGui's built-in font still works (ASCII only).
        console.warn('apos: font not loaded (' + error.message + '); using the built-in font');
        return null;
      });
  }

  // Start-up milestones for the browser's performance panel and bench/page_bench.mjs.
  function mark(name) {
    if (typeof performance != 'undefined' && performance.mark) performance.mark(name);
  }
  mark('apos:start');

  // Fetched now, while the wasm downloads and compiles: preRun runs only once the wasm is
  // instantiated, and fetching from there queued the catalog and the font behind it.
  var assets = Promise.all([loadCatalog(), loadFont()]).then(function(results) {
    mark('apos:assets');
    return {catalog: results[0], font: results[1]};
  });
  Module['preRun'] = [].concat(Module['preRun'] || []);
  Module['preRun'].push(function() {
    mark('apos:wasm');
    addRunDependency('apos-assets');
    assets.then(function(loaded) {
      Module['aposAssets'] = loaded;
      removeRunDependency('apos-assets');
    });
  });
})();
