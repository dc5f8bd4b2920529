// --post-js of apos.js: the workbook reader module (apos-xlsx.wasm: zlib, expat and the .xlsx
// reader), loaded only when a workbook arrives, so that most visits never download it. It is a
// standalone wasm, instantiated here without Emscripten's glue: from apos-xlsx.wasm beside apos.js
// (or options.xlsxReaderUrl), or from options.xlsxReader (its bytes, or base64 text: the offline
// page inlines it). C++ then asks it synchronously (library_xlsx.js, platform/workbook_web.cpp).

(function() {
  // Compiled once and kept for later workbooks (a failed attempt is tried again by the next).
  function compileReader() {
    return Module['aposCompileStandalone']('apos-xlsx.wasm', Module['xlsxReader'],
                                           Module['xlsxReaderUrl'] || locateFile('apos-xlsx.wasm'));
  }

  function instantiateReader(module) {
    var ref = {memory: null};
    var imports = Module['aposStandaloneImports'](module, ref, 'apos-xlsx.wasm');
    return WebAssembly.instantiate(module, imports).then(function(instance) {
      ref.memory = instance.exports['memory'];
      if (instance.exports['_initialize']) instance.exports['_initialize']();
      return instance.exports;
    });
  }

  /** Gets the workbook reader ready before a workbook's bytes are handed to C++: a fresh instance
   *  per workbook (the last one's memory goes with it). Never rejects: a reader that cannot be
   *  loaded leaves its reason, which the page shows as the workbook's error. */
  Module['aposPrepareWorkbookReader'] = function() {
    Module['aposXlsxReader'] = null;
    return compileReader().then(instantiateReader).then(function(exports) {
      Module['aposXlsxReader'] = exports;
      Module['aposXlsxError'] = '';
    }, function(error) {
      Module['aposXlsxError'] = String((error && error.message) || error);
    });
  };
})();
