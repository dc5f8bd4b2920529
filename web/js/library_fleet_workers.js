// --js-library of apos.js: C++'s side of the fleet workers (platform/fleet_workers_web.cpp); the
// workers themselves are run by fleet_workers.js.

mergeInto(LibraryManager.library, {
  // Starts the workers with the catalog files (JSON text [{file, text}]).
  apos_js_fleet_workers_start: function(catalogJson) { Module['aposFleetWorkers'].start(UTF8ToString(catalogJson)); },

  apos_js_fleet_workers_ready: function() { return Module['aposFleetWorkers'].ready(); },

  // The page's fleetWorkerRows option (0: the app's own default).
  apos_js_fleet_workers_fewest_rows: function() { return Math.max(0, Math.floor(Number(Module['fleetWorkerRows']) || 0)); },

  // Why the workers cannot be used, in a malloc'd string the caller frees; 0 while they can.
  apos_js_fleet_workers_failed: function() {
    var why = Module['aposFleetWorkers'].failed();
    if (!why) return 0;
    var size = lengthBytesUTF8(why) + 1;
    var ptr = _malloc(size);
    if (ptr) stringToUTF8(why, ptr, size);
    return ptr;
  },

  apos_js_fleet_worker_post: function(worker, ticket, bytes, size) {
    Module['aposFleetWorkers'].post(worker, ticket >>> 0, HEAPU8.slice(bytes, bytes + size));
  },

  // The oldest answer not taken, copied into a malloc'd block the caller frees (its ticket, size
  // and whether it is an answer rather than why there is none go to the three pointers); 0: none.
  apos_js_fleet_worker_take: function(ticket, size, ok) {
    var answer = Module['aposFleetWorkers'].take();
    if (!answer) return 0;
    var bytes = new Uint8Array(answer.answer);
    var ptr = _malloc(Math.max(1, bytes.length));
    if (!ptr) return 0;
    HEAPU8.set(bytes, ptr);
    HEAPU32[ticket >> 2] = answer.ticket;
    HEAP32[size >> 2] = bytes.length;
    HEAP32[ok >> 2] = answer.ok ? 1 : 0;
    return ptr;
  },
});
