// JS side of web/platform/platform_web.cpp (linked with --js-library): the few things the C++
// host cannot do through Emscripten 3.1.6's GLFW. Everything here acts on this instance's
// Module (its canvas, its options), never on page-wide state, so instances stay independent.

mergeInto(LibraryManager.library, {
  // Emscripten's GLFW listens for keys on `window` and cancels Backspace and Tab page-wide,
  // which breaks the host page's own form fields. Move its listeners to the canvas and make
  // the canvas focusable: the configurator gets keys only while it has focus.
  apos_js_take_keyboard__deps: ['$GLFW'],
  apos_js_take_keyboard: function() {
    var canvas = Module['canvas'];
    window.removeEventListener('keydown', GLFW.onKeydown, true);
    window.removeEventListener('keypress', GLFW.onKeyPress, true);
    window.removeEventListener('keyup', GLFW.onKeyup, true);
    if (!canvas.hasAttribute('tabindex')) canvas.setAttribute('tabindex', '0');
    // Set after each frame (apos_js_set_keyboard_state): where Tab, Shift+Tab and Esc go next.
    Module['aposKeys'] = {text: false, tabLeaves: true, backTabLeaves: true, escapeLeaves: true};
    // Keys the canvas acts on that would also scroll the page (arrows, Page Up/Down, Home, End);
    // Space scrolls on its keypress, which must still carry the character to a text field.
    var SCROLL_KEYS = [33, 34, 35, 36, 37, 38, 39, 40];
    canvas.addEventListener('keydown', function(event) {
      var keys = Module['aposKeys'];
      if (event.keyCode === 9) {
        // Tab / Shift+Tab go through the canvas' widgets and leave it at either end (no trap).
        if (event.shiftKey ? keys.backTabLeaves : keys.tabLeaves) return;
        event.preventDefault();
      } else if (event.keyCode === 27 && keys.escapeLeaves) {
        // Nothing open, nothing edited: Esc hands the focus back to the page.
        event.preventDefault();
        canvas.blur();
        return;
      }
      var plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (plain && SCROLL_KEYS.indexOf(event.keyCode) >= 0) event.preventDefault();
      // While a field is edited, select-all, copy, cut and undo belong to the field, not to
      // the page (the browser would select and copy the host page's text). Paste must go on
      // to the DOM paste event, so Ctrl+V is left alone.
      var key = event.key ? event.key.toLowerCase() : '';
      if (keys.text && (event.ctrlKey || event.metaKey) && 'acxyz'.indexOf(key) >= 0 && key.length === 1)
        event.preventDefault();
      GLFW.onKeydown(event);
    }, true);
    canvas.addEventListener('keypress', function(event) {
      GLFW.onKeyPress(event);
      if (event.charCode === 32) event.preventDefault();  // the character is in; the page stays put
    }, true);
    canvas.addEventListener('keyup', GLFW.onKeyup, true);
    // Focus from the page by keyboard lands on the first field (Tab) or the last widget (Shift+Tab);
    // a click focuses whatever it hits instead.
    var byPointer = false;
    canvas.addEventListener('focus', function(event) {
      if (byPointer) {
        byPointer = false;
        return;
      }
      var from = event.relatedTarget;
      var forward = !from || !!(from.compareDocumentPosition(canvas) & Node.DOCUMENT_POSITION_FOLLOWING);
      _apos_keyboard_enter(forward ? 1 : 0);
    });
    canvas.addEventListener('blur', function() { _apos_keyboard_leave(); });
    canvas.addEventListener('blur', GLFW.onBlur, true);
    canvas.addEventListener('mousedown', function() {
      if (document.activeElement !== canvas) byPointer = true;
      canvas.focus({preventScroll: true});
    }, true);
    // Paste arrives as a DOM event right after the Ctrl+V keydown; ImGui reads it next frame.
    canvas.addEventListener('paste', function(event) {
      var text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      // An empty system clipboard (or a denied one) keeps the app's own last copy.
      if (text) Module['aposClipboard'] = text;
      event.preventDefault();
    });
  },

  // The canvas fills its container: CSS size = the container's content box, backing store =
  // CSS size x devicePixelRatio (browser zoom changes the ratio, so this runs every frame).
  apos_js_fit_canvas: function(widthPtr, heightPtr, ratioPtr) {
    var canvas = Module['canvas'];
    var parent = canvas.parentElement;
    var ratio = window.devicePixelRatio || 1;
    var cssWidth = canvas.clientWidth || 800, cssHeight = canvas.clientHeight || 600;
    if (parent) {
      var style = getComputedStyle(parent);
      var w = parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      var h = parent.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      if (w > 0) cssWidth = w;
      if (h > 0) cssHeight = h;
    }
    Module['aposCssSize'] = [Math.floor(cssWidth), Math.floor(cssHeight)];
    HEAP32[widthPtr >> 2] = Math.max(1, Math.round(Math.floor(cssWidth) * ratio));
    HEAP32[heightPtr >> 2] = Math.max(1, Math.round(Math.floor(cssHeight) * ratio));
    HEAPF64[ratioPtr >> 3] = ratio;
  },

  // GLFW's setCanvasSize removes the inline CSS size; the canvas keeps the container's.
  apos_js_restyle_canvas: function() {
    var canvas = Module['canvas'], size = Module['aposCssSize'];
    if (!size) return;
    canvas.style.width = size[0] + 'px';
    canvas.style.height = size[1] + 'px';
  },

  apos_js_set_keyboard_state: function(text, tabLeaves, backTabLeaves, escapeLeaves) {
    Module['aposKeys'] = {text: !!text, tabLeaves: !!tabLeaves, backTabLeaves: !!backTabLeaves, escapeLeaves: !!escapeLeaves};
  },

  // Copy: keep the text for in-app paste and hand it to the system clipboard when allowed
  // (a keydown is a user activation; file:// and http://localhost count as secure enough).
  apos_js_set_clipboard: function(textPtr) {
    var text = UTF8ToString(textPtr);
    Module['aposClipboard'] = text;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function() {});
    }
  },

  apos_js_get_clipboard: function() {
    return allocateUTF8(Module['aposClipboard'] || '');
  },

  apos_js_download: function(namePtr, mimePtr, dataPtr, size) {
    var bytes = HEAPU8.slice(dataPtr, dataPtr + size);
    var url = URL.createObjectURL(new Blob([bytes], {type: UTF8ToString(mimePtr)}));
    var link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(namePtr);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function() { URL.revokeObjectURL(url); }, 1000);
  },

  // The URL hash is shared by the whole page: only the instance created with {syncHash: true}
  // reads and writes it. It goes over as it stands: the C++ side decodes %XX once per value
  // (decoding it here as well turned an encoded '&' into a separator, and a malformed '%'
  // threw before the app could say what was wrong).
  apos_js_read_hash: function() {
    var hash = Module['syncHash'] ? location.hash.replace(/^#/, '') : '';
    return allocateUTF8(hash);
  },

  apos_js_page_url: function() {
    return allocateUTF8(location.href.split('#')[0]);
  },

  apos_js_write_hash: function(hashPtr) {
    if (!Module['syncHash']) return;
    var hash = UTF8ToString(hashPtr);
    Module['aposLastHash'] = hash;
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  },

  // "Today" is the local calendar day of the user's browser, not UTC.
  apos_js_today: function(yearPtr, monthPtr, dayPtr) {
    var now = new Date();
    HEAP32[yearPtr >> 2] = now.getFullYear();
    HEAP32[monthPtr >> 2] = now.getMonth() + 1;
    HEAP32[dayPtr >> 2] = now.getDate();
  },

  // The browser's print view for a quote page. A hidden frame keeps the host page as it is. The
  // page's CSP applies inside it too (no inline <style>), so the style moves into a constructed
  // style sheet, which CSP allows.
  apos_js_print: function(htmlPtr) {
    var html = UTF8ToString(htmlPtr);
    var css = '';
    html = html.replace(/<style>([\s\S]*?)<\/style>/, function(all, text) { css = text; return ''; });
    var old = document.querySelector('iframe.apos-print-frame');
    if (old) old.remove();
    var frame = document.createElement('iframe');
    frame.className = 'apos-print-frame';
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.addEventListener('load', function() {
      var win = frame.contentWindow;
      try {
        var sheet = new win.CSSStyleSheet();
        sheet.replaceSync(css);
        win.document.adoptedStyleSheets = [sheet];
      } catch (e) {}
      win.focus();
      win.print();
    });
    frame.srcdoc = html;
    document.body.appendChild(frame);
  },

  // Theme and text size only (App::PreferencesJson), under one key; storage may be disabled or
  // full (private windows), and then the preferences last for this visit.
  apos_js_load_preferences: function() {
    var text = '';
    try { text = window.localStorage.getItem('apos-preferences') || ''; } catch (e) {}
    return allocateUTF8(text);
  },

  apos_js_save_preferences: function(jsonPtr) {
    try { window.localStorage.setItem('apos-preferences', UTF8ToString(jsonPtr)); } catch (e) {}
  },

  // Emscripten 3.1.6's GLFW hands the browser's raw wheel deltas to the scroll callback: pixels
  // (about 100 per notch) and with the browser's sign, so ImGui scrolled up, and far, for a
  // wheel turned down. Deliver GLFW's convention instead: notches, positive = up / left.
  apos_js_fix_wheel__deps: ['$GLFW'],
  apos_js_fix_wheel: function() {
    var canvas = Module['canvas'];
    canvas.removeEventListener('wheel', GLFW.onMouseWheel, true);
    canvas.removeEventListener('mousewheel', GLFW.onMouseWheel, true);
    canvas.addEventListener('wheel', function(event) {
      if (!GLFW.active || !GLFW.active.scrollFunc) return;
      var perNotch = event.deltaMode == 1 ? 3 : event.deltaMode == 2 ? 1 : 100;  // lines / pages / pixels
      {{{ makeDynCall('vidd', 'GLFW.active.scrollFunc') }}}(GLFW.active.id, -event.deltaX / perNotch, -event.deltaY / perNotch);
      event.preventDefault();  // the page does not scroll while the pointer is over the canvas
    }, {capture: true, passive: false});
  },

  // Fleet CSVs reach the app from a hidden <input type=file> next to the canvas (the panel's
  // "Open CSV" button clicks it) and from files dropped on the canvas. Both go through the JS
  // API's loadFleet() (post.js), so a page can also hand a file over itself.
  apos_js_watch_files: function() {
    var canvas = Module['canvas'];
    var input = document.createElement('input');
    input.type = 'file';
    input.className = 'apos-file-input';
    input.hidden = true;
    input.setAttribute('aria-label', 'Open a fleet CSV');
    input.addEventListener('change', function() {
      if (input.files && input.files[0]) Module['loadFleet'](input.files[0]);
      input.value = '';  // picking the same file again is a new load
    });
    canvas.insertAdjacentElement('afterend', input);
    Module['aposFileInput'] = input;
    function hasFiles(event) {
      return event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types || [], 'Files') >= 0;
    }
    // Without preventDefault on dragover the browser would open the dropped file itself.
    canvas.addEventListener('dragover', function(event) {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    });
    canvas.addEventListener('drop', function(event) {
      var files = event.dataTransfer && event.dataTransfer.files;
      if (!files || !files.length) return;
      event.preventDefault();
      Module['loadFleet'](files[0]);
    });
  },

  // A click in the canvas is a user activation that lasts long enough for the next frame,
  // which is when ImGui reports the button press: the browser lets the picker open.
  apos_js_open_file: function(acceptPtr) {
    var input = Module['aposFileInput'];
    if (!input) return 0;
    input.accept = UTF8ToString(acceptPtr);
    input.click();
    return 1;
  },

  // ImGui's OpenGL 3 backend saves and restores the blend and scissor state around every frame
  // with glGetIntegerv. WebGL answers those queries (scissor box, blend functions and equations)
  // with a blocking round trip to the GPU process, which first finishes the drawing queued so
  // far: about 2 ms a frame with software WebGL. Answer them from a copy, kept up to date by
  // wrapping the only calls that change them (the app passes them valid values); every other
  // query still goes to WebGL.
  apos_js_cache_gl_state: function() {
    var gl = Module['canvas'].getContext('webgl2');
    if (!gl) return;
    var cached = {};
    [gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA,
     gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA].forEach(function(name) {
      cached[name] = gl.getParameter(name);
    });
    var getParameter = gl.getParameter, scissor = gl.scissor;
    var blendFuncSeparate = gl.blendFuncSeparate, blendEquationSeparate = gl.blendEquationSeparate;
    gl.getParameter = function(name) {
      var value = cached[name];
      if (value === undefined) return getParameter.call(gl, name);
      return name === gl.SCISSOR_BOX ? new Int32Array(value) : value;  // a fresh array, as WebGL returns
    };
    gl.scissor = function(x, y, width, height) {
      cached[gl.SCISSOR_BOX] = new Int32Array([x, y, width, height]);
      scissor.call(gl, x, y, width, height);
    };
    gl.blendFuncSeparate = function(srcRgb, dstRgb, srcAlpha, dstAlpha) {
      cached[gl.BLEND_SRC_RGB] = srcRgb;
      cached[gl.BLEND_DST_RGB] = dstRgb;
      cached[gl.BLEND_SRC_ALPHA] = srcAlpha;
      cached[gl.BLEND_DST_ALPHA] = dstAlpha;
      blendFuncSeparate.call(gl, srcRgb, dstRgb, srcAlpha, dstAlpha);
    };
    gl.blendFunc = function(src, dst) { gl.blendFuncSeparate(src, dst, src, dst); };
    gl.blendEquationSeparate = function(modeRgb, modeAlpha) {
      cached[gl.BLEND_EQUATION_RGB] = modeRgb;
      cached[gl.BLEND_EQUATION_ALPHA] = modeAlpha;
      blendEquationSeparate.call(gl, modeRgb, modeAlpha);
    };
    gl.blendEquation = function(mode) { gl.blendEquationSeparate(mode, mode); };
  },

  // Follow-up marks, once the partner turned keeping them on: one IndexedDB database for the
  // page's origin, one record per serial ({serial, kind, date, reason}). Work is queued, so a
  // save always lands after the load and the saves before it; a connection is closed after each
  // use, so that "forget" can delete the database. Without IndexedDB (some private windows) the
  // marks last for this visit.
  $aposMarks: {
    name: 'apos-follow-up-marks',
    open: function() {
      return new Promise(function(resolve, reject) {
        if (typeof indexedDB == 'undefined') { reject(new Error('IndexedDB is not available')); return; }
        var request = indexedDB.open(aposMarks.name, 1);
        request.onupgradeneeded = function() { request.result.createObjectStore('marks', {keyPath: 'serial'}); };
        request.onsuccess = function() { resolve(request.result); };
        request.onerror = function() { reject(request.error); };
      });
    },
    queue: function(work) {
      var next = (Module['aposMarksQueue'] || Promise.resolve()).then(work).catch(function(e) {
        console.warn('follow-up marks: ' + e);
      });
      Module['aposMarksQueue'] = next;
      return next;
    },
  },

  apos_js_load_marks__deps: ['$aposMarks'],
  apos_js_load_marks: function() {
    aposMarks.queue(function() {
      return aposMarks.open().then(function(db) {
        return new Promise(function(resolve, reject) {
          var request = db.transaction('marks', 'readonly').objectStore('marks').getAll();
          request.onsuccess = function() { db.close(); resolve(request.result || []); };
          request.onerror = function() { db.close(); reject(request.error); };
        });
      }).then(function(records) {
        var marks = records.map(function(r) {
          var mark = {serial: r.serial, kind: r.kind, date: r.date};
          if (typeof r.reason == 'string') mark.reason = r.reason;
          return mark;
        });
        var text = marks.length ? JSON.stringify({format: aposMarks.name, version: 1, marks: marks}) : '';
        var ptr = allocateUTF8(text);
        _apos_marks_loaded(ptr);
        _free(ptr);
      });
    });
  },

  apos_js_save_marks__deps: ['$aposMarks'],
  apos_js_save_marks: function(jsonPtr) {
    var text = UTF8ToString(jsonPtr);
    aposMarks.queue(function() {
      if (!text) {
        return new Promise(function(resolve) {
          if (typeof indexedDB == 'undefined') { resolve(); return; }
          var request = indexedDB.deleteDatabase(aposMarks.name);
          request.onsuccess = request.onerror = request.onblocked = function() { resolve(); };
        });
      }
      var marks = JSON.parse(text).marks || [];
      return aposMarks.open().then(function(db) {
        return new Promise(function(resolve, reject) {
          var transaction = db.transaction('marks', 'readwrite');
          var store = transaction.objectStore('marks');
          store.clear();
          marks.forEach(function(mark) { store.put(mark); });
          transaction.oncomplete = function() { db.close(); resolve(); };
          transaction.onerror = transaction.onabort = function() { db.close(); reject(transaction.error); };
        });
      });
    });
  },

  // The last fleet file, once the partner turned keeping it on: one IndexedDB database with one
  // record, {name, file} (a Blob: the browser stores its bytes as they are). Work is queued as for
  // the marks, and a connection is closed after each use, so that turning keeping off can delete
  // the database. Without IndexedDB the file is simply not kept.
  $aposKeptFleet: {
    name: 'apos-fleet-file',
    // A database of that name without our store (made by someone else's open) is upgraded to one.
    open: function(version) {
      return new Promise(function(resolve, reject) {
        if (typeof indexedDB == 'undefined') { reject(new Error('IndexedDB is not available')); return; }
        var request = indexedDB.open(aposKeptFleet.name, version || 1);
        request.onupgradeneeded = function() {
          if (!request.result.objectStoreNames.contains('files')) request.result.createObjectStore('files');
        };
        request.onsuccess = function() { resolve(request.result); };
        request.onerror = function() { reject(request.error); };
      }).then(function(db) {
        if (db.objectStoreNames.contains('files')) return db;
        db.close();
        return aposKeptFleet.open(db.version + 1);
      });
    },
    queue: function(work) {
      var next = (Module['aposKeptFleetQueue'] || Promise.resolve()).then(work).catch(function(e) {
        console.warn('kept fleet file: ' + e);
      });
      Module['aposKeptFleetQueue'] = next;
      return next;
    },
    // Stores the fleet taken last, unless it is the very file that came from the store.
    store: function() {
      var fleet = Module['aposFleet'];
      if (!fleet || fleet.data === Module['aposFleetFromStore']) return;
      var file = fleet.data instanceof Blob ? fleet.data : new Blob([fleet.data]);
      aposKeptFleet.queue(function() {
        return aposKeptFleet.open().then(function(db) {
          return new Promise(function(resolve, reject) {
            var transaction = db.transaction('files', 'readwrite');
            transaction.objectStore('files').put({name: fleet.name, file: file}, 'last');
            transaction.oncomplete = function() { db.close(); resolve(); };
            transaction.onerror = transaction.onabort = function() { db.close(); reject(transaction.error); };
          });
        });
      });
    },
  },

  apos_js_fleet_taken__deps: ['$aposKeptFleet'],
  apos_js_fleet_taken: function() {
    Module['aposFleet'] = Module['aposArriving'] || null;
    Module['aposArriving'] = null;
    if (Module['aposKeepFleet']) aposKeptFleet.store();
  },

  apos_js_keep_fleet__deps: ['$aposKeptFleet'],
  apos_js_keep_fleet: function(keep) {
    Module['aposKeepFleet'] = !!keep;
    Module['aposFleetFromStore'] = null;
    if (keep) { aposKeptFleet.store(); return; }
    aposKeptFleet.queue(function() {
      return new Promise(function(resolve) {
        if (typeof indexedDB == 'undefined') { resolve(); return; }
        var request = indexedDB.deleteDatabase(aposKeptFleet.name);
        request.onsuccess = request.onerror = request.onblocked = function() { resolve(); };
      });
    });
  },

  apos_js_load_kept_fleet__deps: ['$aposKeptFleet'],
  apos_js_load_kept_fleet: function() {
    Module['aposKeepFleet'] = true;
    aposKeptFleet.queue(function() {
      return aposKeptFleet.open().then(function(db) {
        return new Promise(function(resolve, reject) {
          var request = db.transaction('files', 'readonly').objectStore('files').get('last');
          request.onsuccess = function() { db.close(); resolve(request.result); };
          request.onerror = function() { db.close(); reject(request.error); };
        });
      }).then(function(kept) {
        if (!kept || !(kept.file instanceof Blob)) return;
        Module['aposFleetFromStore'] = kept.file;
        return Module['loadFleet'](kept.file, kept.name);
      });
    });
  },

  // Start-up milestones as performance marks ("apos:window", "apos:first-frame"): the browser's
  // performance panel and bench/page_bench.mjs show where the time to the first frame goes.
  apos_js_mark: function(namePtr) {
    if (typeof performance != 'undefined' && performance.mark) performance.mark(UTF8ToString(namePtr));
  },

  // Called from inside a frame: listeners run after it, so they may call back into the API.
  apos_js_quote_changed: function(jsonPtr) {
    var text = UTF8ToString(jsonPtr);
    var listeners = Module['aposListeners'] || [];
    if (!listeners.length) return;
    Promise.resolve().then(function() {
      var quote = JSON.parse(text);
      listeners.slice().forEach(function(callback) {
        try { callback(quote); } catch (e) { console.error(e); }
      });
    });
  },
});
