// --post-js of apos.js: the fleet workers. A large fleet's slices are evaluated in Web Workers,
// each with its own instance of apos-fleet.wasm (the core's catalog loader and slice evaluator)
// and the catalog files the page loaded; C++ posts packed slices and takes the answers back in row
// order (app/fleet_job.cpp, through library_fleet_workers.js). Workers start from a blob URL with
// the module compiled once here and posted to them, so a static host and the offline page from
// file:// work alike; a host page's Content-Security-Policy must allow `worker-src blob:`.
// Options: fleetWorker (the module's bytes or base64 text; else fleetWorkerUrl, default
// apos-fleet.wasm beside apos.js), fleetWorkers (how many; 0: none, the page's thread evaluates),
// fleetWorkerRows (the fewest rows a fleet needs to be given to them; smaller fleets are done
// sooner on the page's thread; default 131,072).

(function() {
  var pool = null;      // the running workers: {catalog, workers, ready, failed, answers, forgotten, url}

  // What each worker runs: its source text goes into the blob URL, with the imports function
  // (standalone_wasm.js) as its argument, so it may use nothing from this file.
  function workerMain(standaloneImports) {
    var exports = null;
    var encoder = new TextEncoder();
    function memory() { return new Uint8Array(exports['memory'].buffer); }
    function bytesIn(bytes, terminated) {
      var at = exports['malloc'](bytes.length + (terminated ? 1 : 0) || 1);
      if (!at) throw new Error('out of memory');
      memory().set(bytes, at);
      if (terminated) memory()[at + bytes.length] = 0;
      return at;
    }
    function textOut(at) {
      var bytes = memory();
      var end = at;
      while (bytes[end]) end++;
      return new TextDecoder().decode(bytes.subarray(at, end));
    }
    function why(error) { return String((error && error.message) || error); }
    self.onmessage = function(event) {
      var message = event.data;
      if (message.type == 'start') {
        var ref = {memory: null};
        WebAssembly.instantiate(message.module, standaloneImports(message.module, ref, 'apos-fleet.wasm'))
          .then(function(instance) {
            ref.memory = instance.exports['memory'];
            exports = instance.exports;
            if (exports['_initialize']) exports['_initialize']();
            message.catalog.forEach(function(file) {
              var name = bytesIn(encoder.encode(file.file), true);
              var text = bytesIn(encoder.encode(file.text), true);
              exports['apos_worker_catalog_add'](name, text);
              exports['free'](name);
              exports['free'](text);
            });
            var problem = textOut(exports['apos_worker_catalog_commit']());
            self.postMessage(problem ? {type: 'failed', why: 'its catalog did not load: ' + problem} : {type: 'ready'});
          })
          .catch(function(error) { self.postMessage({type: 'failed', why: why(error)}); });
      } else if (message.type == 'slice') {
        var answer, ok = false;
        try {
          var at = bytesIn(new Uint8Array(message.slice), false);
          var out = exports['apos_worker_evaluate'](at, message.slice.byteLength);
          exports['free'](at);
          ok = exports['apos_worker_answer_ok']() != 0;
          answer = memory().slice(out, out + exports['apos_worker_answer_size']()).buffer;
        } catch (error) {
          // Its state is unknown after a trap: the page stops using the workers.
          answer = encoder.encode(why(error)).buffer;
        }
        self.postMessage({type: 'answer', ticket: message.ticket, ok: ok, answer: answer}, [answer]);
      }
    };
  }

  // Compiled once and kept for later fleets (a failed attempt is tried again by the next).
  function compileModule() {
    return Module['aposCompileStandalone']('apos-fleet.wasm', Module['fleetWorker'],
                                           Module['fleetWorkerUrl'] || locateFile('apos-fleet.wasm'));
  }

  function stop() {
    if (!pool) return;
    pool.workers.forEach(function(worker) { worker.terminate(); });
    if (pool.url) URL.revokeObjectURL(pool.url);
    pool = null;
  }

  function fail(p, why) {
    if (!p.failed) p.failed = why;
    p.workers.forEach(function(worker) { worker.terminate(); });
  }

  function message(p, data) {
    if (data.type == 'ready') {
      if (++p.ready == p.workers.length && p.url) {
        URL.revokeObjectURL(p.url);  // every worker has loaded its script
        p.url = null;
      }
    } else if (data.type == 'failed') fail(p, 'a fleet worker could not start: ' + data.why);
    else if (data.type == 'answer' && data.ticket >= p.forgotten) p.answers.set(data.ticket, data);
  }

  Module['aposFleetWorkers'] = {
    /** Starts the workers with these catalog files ([{file, text}] as JSON text), ending any that
     *  run with other files. They are ready once ready() says how many. */
    start: function(catalogJson) {
      stop();
      var p = pool = {catalog: catalogJson, workers: [], ready: 0, failed: '', answers: new Map(), forgotten: 0, url: null};
      var count = Module['fleetWorkers'] !== undefined ? Number(Module['fleetWorkers'])
                : Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
      if (!(count > 0)) return fail(p, 'fleet workers are turned off (fleetWorkers: 0)');
      if (typeof Worker == 'undefined') return fail(p, 'this browser has no Web Workers');
      compileModule().then(function(module) {
        if (pool !== p) return;
        var source = '(' + workerMain.toString() + ')(' + Module['aposStandaloneImports'].toString() + ');';
        try {
          p.url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
          var catalog = JSON.parse(catalogJson);
          for (var i = 0; i < count; i++) {
            var worker = new Worker(p.url);
            worker.onmessage = function(event) { if (pool === p) message(p, event.data); };
            worker.onerror = function(event) {
              event.preventDefault();
              if (pool === p) fail(p, 'a fleet worker stopped: ' + (event.message || 'an error'));
            };
            worker.postMessage({type: 'start', module: module, catalog: catalog});
            p.workers.push(worker);
          }
        } catch (error) {
          fail(p, 'the page could not start Web Workers (' + String((error && error.message) || error) +
               '); a host page\'s Content-Security-Policy must allow worker-src blob:');
        }
      }, function(error) {
        if (pool === p) fail(p, 'apos-fleet.wasm did not load: ' + String((error && error.message) || error));
      });
    },
    /** How many workers take slices now: all of them once each has loaded the catalog, else 0. */
    ready: function() {
      return pool && !pool.failed && pool.workers.length && pool.ready == pool.workers.length ? pool.workers.length : 0;
    },
    /** Why the workers cannot be used ('' while they can, or are starting). */
    failed: function() { return pool ? pool.failed : ''; },
    /** Gives worker `index` a slice (a Uint8Array of its own: its buffer is handed over). */
    post: function(index, ticket, bytes) {
      if (pool && pool.workers[index]) pool.workers[index].postMessage({type: 'slice', ticket: ticket, slice: bytes.buffer}, [bytes.buffer]);
    },
    /** The answer to `ticket` ({ticket, ok, answer: ArrayBuffer}) once it came, else null. */
    answer: function(ticket) { return (pool && pool.answers.get(ticket)) || null; },
    /** The same, let go. */
    take: function(ticket) {
      var answer = pool && pool.answers.get(ticket);
      if (answer) pool.answers.delete(ticket);
      return answer || null;
    },
    /** Answers to tickets before `ticket` are not wanted: let go now, and dropped when they come. */
    forgetBefore: function(ticket) {
      if (!pool) return;
      pool.forgotten = Math.max(pool.forgotten, ticket);
      pool.answers.forEach(function(answer, key) { if (key < ticket) pool.answers.delete(key); });
    },
  };
})();
