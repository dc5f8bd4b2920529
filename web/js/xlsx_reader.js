// --post-js of apos.js: the workbook reader module (apos-xlsx.wasm: zlib, expat and the .xlsx
// reader), loaded only when a workbook arrives, so that most visits never download it. It is a
// standalone wasm, instantiated here without Emscripten's glue: from apos-xlsx.wasm beside apos.js
// (or options.xlsxReaderUrl), or from options.xlsxReader (its bytes, or base64 text: the offline
// page inlines it). C++ then asks it synchronously (library_xlsx.js, platform/workbook_web.cpp).

(function() {
  var compiled = null;  // a promise of the compiled module, kept for later workbooks

  function compileReader() {
    if (compiled) return compiled;
    var given = Module['xlsxReader'];
    var bytes;
    if (given) {
      bytes = Promise.resolve(typeof given == 'string'
        ? Uint8Array.from(atob(given), function(c) { return c.charCodeAt(0); }) : given);
    } else {
      var url = Module['xlsxReaderUrl'] || locateFile('apos-xlsx.wasm');
      bytes = fetch(url, {credentials: 'same-origin'}).then(function(response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response.arrayBuffer();
      });
    }
    compiled = bytes.then(function(b) { return WebAssembly.compile(b); });
    compiled.catch(function() { compiled = null; });  // a later workbook tries again
    return compiled;
  }

  // The module's few imports: memory growth, and the WASI calls its C library makes (no
  // environment variables, the clock for expat's hash salt, output dropped, no exit in normal use).
  function instantiateReader(module) {
    var memory = null;
    function view() { return new DataView(memory.buffer); }
    var known = {
      'emscripten_memcpy_big': function(dest, src, num) {
        new Uint8Array(memory.buffer).copyWithin(dest, src, src + num);
      },
      'emscripten_notify_memory_growth': function() {},
      'emscripten_resize_heap': function(size) {
        try {
          memory.grow(Math.ceil((size - memory.buffer.byteLength) / 65536));
          return 1;
        } catch (e) {
          return 0;
        }
      },
      'environ_sizes_get': function(count, size) {
        view().setUint32(count, 0, true);
        view().setUint32(size, 0, true);
        return 0;
      },
      'environ_get': function() { return 0; },
      'clock_time_get': function(id, precision, time) {
        view().setBigUint64(time, BigInt(Date.now()) * BigInt(1000000), true);
        return 0;
      },
      'fd_write': function(fd, iov, count, written) {
        var bytes = 0;
        for (var i = 0; i < count; i++) bytes += view().getUint32(iov + 8 * i + 4, true);
        view().setUint32(written, bytes, true);
        return 0;
      },
      'fd_close': function() { return 0; },
      'fd_seek': function() { return 70; },  // ESPIPE: nothing to seek
    };
    var imports = {};
    WebAssembly.Module.imports(module).forEach(function(entry) {
      if (entry.kind != 'function') return;
      var fn = known[entry.name] || function() {
        throw new Error('apos-xlsx.wasm stopped in ' + entry.module + '.' + entry.name);
      };
      (imports[entry.module] = imports[entry.module] || {})[entry.name] = fn;
    });
    return WebAssembly.instantiate(module, imports).then(function(instance) {
      memory = instance.exports['memory'];
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
