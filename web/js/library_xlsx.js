// --js-library of apos.js: C++'s synchronous question to the workbook reader module that
// xlsx_reader.js loaded before the workbook's bytes were handed over (platform/workbook_web.cpp).

mergeInto(LibraryManager.library, {
  // Copies the workbook and the sheet name into the reader's memory, asks it, and copies its
  // packed answer (xlsx/sheet_rows.hpp) into a malloc'd block of this module; its size goes to
  // *answerSize. A reader that is missing or fails answers with a packed error ('E' + reason).
  apos_js_xlsx_read: function(bytes, size, sheet, namesOnly, maxBytes, answerSize) {
    var answer;
    var reader = Module['aposXlsxReader'];
    if (!reader) {
      answer = new TextEncoder().encode('Ethe page could not load its workbook reader (' +
                                        (Module['aposXlsxError'] || 'apos-xlsx.wasm was not asked for') + ')');
    } else {
      try {
        var sheetBytes = new TextEncoder().encode(UTF8ToString(sheet));
        var input = reader['malloc'](Math.max(1, size));
        var sheetAt = reader['malloc'](sheetBytes.length + 1);
        if (!input || !sheetAt) throw new Error('out of memory');
        var memory = new Uint8Array(reader['memory'].buffer);
        memory.set(HEAPU8.subarray(bytes, bytes + size), input);
        memory.set(sheetBytes, sheetAt);
        memory[sheetAt + sheetBytes.length] = 0;
        var at = reader['apos_xlsx_read'](input, size, sheetAt, namesOnly, maxBytes);
        var length = reader['apos_xlsx_answer_size']();
        answer = new Uint8Array(reader['memory'].buffer, at, length).slice();
        reader['free'](input);
        reader['free'](sheetAt);
      } catch (error) {
        // Its state is unknown now: the next workbook gets a fresh instance.
        Module['aposXlsxReader'] = null;
        var why = String((error && error.message) || error);
        Module['aposXlsxError'] = 'it failed on this workbook before: ' + why;
        answer = new TextEncoder().encode('Ethe page\'s workbook reader failed (' + why + ')');
      }
    }
    var ptr = _malloc(Math.max(1, answer.length));
    if (!ptr) return 0;
    HEAPU8.set(answer, ptr);
    HEAP32[answerSize >> 2] = answer.length;
    return ptr;
  },
});
