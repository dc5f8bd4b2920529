// ImGui setup, fonts and style for a content scale. ImGui draws in framebuffer pixels, so on a
// devicePixelRatio-2 screen the font is rasterised at twice the size (sharp text) and every
// style size is doubled; this is redone whenever the ratio changes (browser zoom, monitor move).
#include "app/app.hpp"
#include "imgui.h"

namespace apos::ui {

namespace {

// The glyphs wasm_build.sh keeps in the subset font (FONT_UNICODES there): Latin-1, dashes,
// bullet, ellipsis, euro, arrows, <= >=, check and cross marks.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026, 0x20AC, 0x20AC,
    0x2190, 0x2193, 0x2264, 0x2265, 0x2713, 0x2713, 0x2717, 0x2717, 0,
};

ImGuiStyle BaseStyle(bool dark) {
    ImGuiStyle style;
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.WindowBorderSize = 0.0f;
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    return style;
}

}  // namespace

void App::AttachToImGui() {
    widgets_.Attach(ImGui::GetCurrentContext());
    ImGuiIO& io = ImGui::GetIO();
    // The state lives in the URL hash / the page; no imgui.ini (there is no file system anyway).
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
}

bool App::ApplyContentScale(float scale, std::string_view font_ttf) {
    if (scale <= 0.0f) scale = 1.0f;
    // The text size and theme are settings: changing either rebuilds like a new scale does.
    const float text_size = state_.settings.text_size;
    const bool dark = state_.settings.dark_theme;
    if (scale == scale_ && text_size == applied_text_size_ && dark == applied_dark_) return false;
    scale_ = scale;
    applied_text_size_ = text_size;
    applied_dark_ = dark;

    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    if (!font_ttf.empty()) {
        // The bytes stay owned by the host (they live as long as the app).
        config.FontDataOwnedByAtlas = false;
        io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(font_ttf.data()), static_cast<int>(font_ttf.size()),
                                       text_size * scale, &config, kGlyphRanges);
    } else {
        config.SizePixels = text_size * (13.0f / 15.0f) * scale;
        io.Fonts->AddFontDefault(&config);
    }

    ImGuiStyle style = BaseStyle(dark);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
    return true;
}

}  // namespace apos::ui
