// The one translation unit that compiles stb_image_write (Debian libstb-dev).
#include "png_file.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

#include <GLFW/glfw3.h>  // also brings the system's OpenGL header (glReadPixels is GL 1.0)

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace apos::desktop {

std::string WriteFramebufferPng(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return "the window has no pixels";
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) return "glReadPixels failed";
    // OpenGL's rows run bottom-up; PNG's top-down.
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y)
        std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(height - 1 - y)), row,
                    flipped.begin() + static_cast<std::ptrdiff_t>(row * static_cast<std::size_t>(y)));
    if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(row)))
        return "could not write " + path;
    return {};
}

}  // namespace apos::desktop
