// --post-js of apos.js: what the page's standalone wasm modules need, which have no Emscripten
// glue of their own: the workbook reader (xlsx_reader.js) and the fleet workers' module
// (fleet_workers.js). The imports function uses nothing outside itself, so that a worker can be
// given its source text.

/** The imports of a standalone module: memory growth, and the WASI calls its C library makes (no
 *  environment variables, the clock, output dropped, no seeking). `ref.memory` is set to the
 *  instance's memory once it exists; a call the module should never make throws, naming `name`. */
Module['aposStandaloneImports'] = function(module, ref, name) {
  function view() { return new DataView(ref.memory.buffer); }
  var known = {
    'emscripten_memcpy_big': function(dest, src, num) {
      new Uint8Array(ref.memory.buffer).copyWithin(dest, src, src + num);
    },
    'emscripten_notify_memory_growth': function() {},
    'emscripten_resize_heap': function(size) {
      try {
        ref.memory.grow(Math.ceil((size - ref.memory.buffer.byteLength) / 65536));
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
      throw new Error(name + ' stopped in ' + entry.module + '.' + entry.name);
    };
    (imports[entry.module] = imports[entry.module] || {})[entry.name] = fn;
  });
  return imports;
};

(function() {
  var compiled = {};  // by file name: promises of compiled modules, kept for later use

  /** A promise of the standalone module `name` compiled, once: from `given` (its bytes, or base64
   *  text: the offline page inlines them), else fetched from `url`. One that failed is tried
   *  again on the next call. */
  Module['aposCompileStandalone'] = function(name, given, url) {
    if (compiled[name]) return compiled[name];
    var bytes;
    if (given) {
      bytes = Promise.resolve(typeof given == 'string'
        ? Uint8Array.from(atob(given), function(c) { return c.charCodeAt(0); }) : given);
    } else {
      bytes = fetch(url, {credentials: 'same-origin'}).then(function(response) {
        if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
        return response.arrayBuffer();
      });
    }
    var promise = compiled[name] = bytes.then(function(b) { return WebAssembly.compile(b); });
    promise.catch(function() { if (compiled[name] === promise) delete compiled[name]; });
    return promise;
  };
})();
