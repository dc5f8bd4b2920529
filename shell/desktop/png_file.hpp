// Writes the framebuffer of the desktop window as a PNG (screenshot mode).
#pragma once

#include <string>

namespace apos::desktop {

// Reads the current GL read buffer (width x height, bottom-up), flips it and writes an RGB PNG.
// Returns an empty string on success, else why it failed.
std::string WriteFramebufferPng(const std::string& path, int width, int height);

}  // namespace apos::desktop
