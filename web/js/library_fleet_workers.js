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

  // The size of the answer to `ticket`, or -1 while it has not come.
  apos_js_fleet_worker_answer_size: function(ticket) {
    var answer = Module['aposFleetWorkers'].answer(ticket >>> 0);
    return answer ? answer.answer.byteLength : -1;
  },

  // Copies the answer to `ticket` to `into` (room for answer_size bytes) and lets it go; 1 when
  // it is an answer, 0 when it says why there is none.
  apos_js_fleet_worker_answer_take: function(ticket, into) {
    var answer = Module['aposFleetWorkers'].take(ticket >>> 0);
    if (!answer) return 0;
    HEAPU8.set(new Uint8Array(answer.answer), into);
    return answer.ok ? 1 : 0;
  },

  apos_js_fleet_workers_forget_before: function(ticket) { Module['aposFleetWorkers'].forgetBefore(ticket >>> 0); },
});
