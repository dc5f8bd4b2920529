// The one interface between the configurator and its host: a browser canvas (platform_web.cpp)
// or a desktop window (platform_glfw.cpp). CMake picks one implementation; nothing else in web/
// knows which host it runs on.
//
//  [X] Window + OpenGL (ES 3 / WebGL 2 on the web, 3.3 core natively) + Dear ImGui backends
//  [X] Main loop (a while loop natively, animation frames on the web)
//  [X] Content scale (devicePixelRatio / monitor content scale), backing store follows it
//  [X] Clipboard (our own bridge on the web: Emscripten 3.1.6's GLFW clipboard is a stub)
//  [X] Save a file (browser download / file in the working folder)
//  [X] URL hash read/write (web, opt-in per instance; empty natively)
//  [X] Today's local date
//  [X] Catalog files (desktop: a folder; web: the page pushes them through the JS API)
//  [X] "Quote changed" notification to JS listeners (no-op natively)
//  [X] Keyboard only while the canvas has focus (the host page keeps Backspace and Tab)
//  [X] Host options (desktop command line: --catalog, --state, --fleet, --screenshot, ...)
//  [X] Screenshot mode (desktop: render N frames, write a PNG, end the loop)
//  [X] Open a file (web: file picker + drop on the canvas; desktop: drop on the window, --fleet FILE)
//  [X] Follow-up marks kept between visits (web: IndexedDB by serial; desktop: this run only)
//  [X] The last fleet file kept between visits (web: IndexedDB; desktop: opens files by name)
//  [X] Fleet workers (web: Web Workers with their own core; desktop: none, frames evaluate)
//  [ ] Touch and IME input (Emscripten 3.1.6's GLFW has neither)
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/fleet_workers.hpp"

namespace apos::platform {

// ---- Start ----------------------------------------------------------------------------------
// What the host was asked at start. The desktop parses its command line here (--help prints the
// usage); the web has no arguments (the page passes its options to createConfigurator in JS).
struct HostOptions {
    bool exit = false;  // main returns `exit_code` at once (--help: 0, usage error: 2)
    int exit_code = 0;
};
HostOptions StartHost(int argc, char** argv);

// Problems with what the user asked to open: catalog errors, a bad state string, a fleet file
// that cannot be read (at start, or later for a fleet). The app shows them too; the host may
// also print them. False when the host cannot go on with them (desktop screenshot mode: main
// then returns 1).
bool AcceptInputProblems(const std::vector<std::string>& problems);

struct LocalDate {
    int year = 1970;
    int month = 1;
    int day = 1;
};

// ---- Window and frame ---------------------------------------------------------------------
// Creates the window (or binds the page's canvas), the GL context and the ImGui backends.
// ImGui's context must exist already. Returns false when no window or context can be made.
bool OpenWindow(const char* title);
void CloseWindow();

// Runs `frame` until it returns false (natively) or forever (web: one call per animation frame).
// Natively returns when the loop ends; on the web it never returns (main's locals stay alive).
void RunMainLoop(const std::function<bool()>& frame);

// Polls input and fits the framebuffer to the window / canvas size. False: the user closed it.
bool PollEvents();
// Pixels per logical (CSS) pixel: devicePixelRatio on the web, the monitor's content scale natively.
// ImGui works in framebuffer pixels, so fonts and style sizes are multiplied by this.
float ContentScale();
// Re-uploads ImGui's font atlas after the fonts were rebuilt (for a new content scale).
void ReloadFontTexture();
void NewFrame();  // backend NewFrame (call before ImGui::NewFrame)
// Input (a key, a click, the wheel, a mouse move) arrived that no drawn frame has handled yet.
bool InputWaiting();
void RenderFrame();  // clears, draws ImGui's draw data, presents
// Tells the host what its next keys mean: `text_input` while a field is edited (Ctrl+A/C/X stay
// in it); Tab / Shift+Tab / Esc hand the focus back to the page when the matching flag is set.
void SetKeyboardState(bool text_input, bool tab_leaves, bool back_tab_leaves, bool escape_leaves);
// After RenderFrame. `settled`: the app has no work left in progress (a fleet being evaluated
// over several frames). Returns false when the host is done: the desktop's screenshot mode
// writes its PNG after N settled frames and ends the loop. On the web, an unsettled app's next
// call comes on the event loop's next turn instead of the next animation frame.
bool FrameDone(bool settled);
// What main returns after the loop (desktop: 1 when the screenshot could not be written).
int ExitCode();

// While the app only waits (a fleet's slices are with the workers), its next call need not come
// before the display's next frame (web); false goes back to calling it at once. Natively nothing.
void PaceByDisplay(bool by_display);

// ---- Services -----------------------------------------------------------------------------
void SetClipboardText(const char* text);
const char* GetClipboardText();  // valid until the next call

// Saves `bytes` as a file named `file_name`. Returns a description of where it went.
std::string SaveFile(std::string_view file_name, std::string_view mime_type, std::string_view bytes);

// Opens a page in the host's print view (web: a hidden frame and the browser's print dialog).
// False when the host has none (desktop: download the HTML and print it from a browser).
bool PrintHtml(std::string_view html);

// The page's address without the hash (web: location without '#...'; desktop: empty).
std::string PageUrl();
std::string ReadUrlHash();                 // without the leading '#'; empty when not synced
void WriteUrlHash(std::string_view hash);  // no-op when the page did not ask for hash sync

LocalDate Today();

// The reading preferences (theme, text size) kept between visits (web: localStorage; desktop: none).
std::string LoadPreferences();
void SavePreferences(std::string_view json);

void NotifyQuoteChanged(std::string_view quote_json);

// Bytes of a bundled asset the host provides before the first frame (the font), or empty.
std::string_view FontBytes();

// Catalog files ({file name, JSON text}) the host reads itself: the desktop reads a folder
// ($APOS_CATALOG, else the repository's catalog/). Empty on the web, where the page's JS has
// already handed the catalog over before main() ran.
struct TextFile {
    std::string name;
    std::string text;
    std::string sheet{};  // a fleet workbook's sheet to read (desktop: --sheet NAME); empty: the first
};
std::vector<TextFile> CatalogFiles();

// ---- Follow-up marks kept between visits (only once the partner turned keeping on) ----------
// Asks for the kept marks; `loaded` gets them (marks_to_json's shape, or "" when none) between
// frames, later (web: IndexedDB answers asynchronously) or never (desktop: nothing is stored, the
// marks last for the run). Each SaveMarks replaces what is kept; "" deletes it all.
void LoadMarks(std::function<void(std::string json)> loaded);
void SaveMarks(std::string_view json);

// ---- The last fleet file kept between visits (only once the partner turned keeping on) ------
// Whether this host can keep one (web: yes, in IndexedDB; desktop: no, it opens files by name).
bool KeepsFleetFiles();
// The file that arrived last (SetFileHandler) is the fleet now, not a marks file: the host has
// it still, and keeps it when keeping is on.
void FleetFileTaken();
// On: the fleet taken last, and each one after it, is kept in place of the one before. Off: the
// kept file is deleted.
void KeepFleetFile(bool keep);
// Asks for the kept file: it arrives through the file handler between frames, as a picked file
// does (nothing arrives when none is kept).
void LoadKeptFleetFile();

// ---- Fleet workers ----------------------------------------------------------------------------
// Evaluators of a large fleet's slices beside the app's thread (web: Web Workers, each with its
// own instance of the core), or null where the host has none (desktop: frames evaluate).
ui::FleetWorkers* HostFleetWorkers();

// ---- Files the user opens (a fleet CSV) -----------------------------------------------------
// `handler` gets every file the user picks or drops (web: on the canvas; desktop: on the window).
// It runs between frames, on the main thread.
using FileHandler = std::function<void(std::string name, std::string bytes)>;
void SetFileHandler(FileHandler handler);
// Shows the host's file picker (web: an <input type=file>); the file then reaches the handler.
// False when the host has no picker (desktop: drop the file on the window or pass --fleet FILE).
bool OpenFileDialog(std::string_view accept);
// Files named on the command line (desktop: --fleet FILE); none on the web.
std::vector<TextFile> CommandLineFiles(int argc, char** argv);

}  // namespace apos::platform
