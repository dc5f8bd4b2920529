// Entry point of the configurator, the same for the web page and the desktop window: one ImGui
// context, one host window, one frame function run by the host's main loop.
#include <algorithm>

#include "app/app.hpp"
#include "imgui.h"
#include "platform/platform.hpp"

namespace platform = apos::platform;

namespace {

apos::Date Today() {
    const platform::LocalDate today = platform::Today();
    return apos::Date::from_ymd(today.year, today.month, today.day).value_or(apos::Date{});
}

}  // namespace

int main(int, char**) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    apos::ui::App& app = apos::ui::TheApp();
    app.AttachToImGui();
    app.host.save_file = platform::SaveFile;
    app.host.write_hash = platform::WriteUrlHash;
    app.host.quote_changed = platform::NotifyQuoteChanged;
    app.SetToday(Today());
    if (const auto files = platform::CatalogFiles(); !files.empty()) {
        app.BeginCatalog();
        for (const platform::TextFile& file : files)
            if (std::find(apos::kCatalogFiles.begin(), apos::kCatalogFiles.end(), file.name) != apos::kCatalogFiles.end())
                app.AddCatalogFile(file.name, file.text);
        app.CommitCatalog();
    }
    if (const std::string hash = platform::ReadUrlHash(); !hash.empty()) app.SetStateHash(hash);

    if (!platform::OpenWindow("APOS services configurator")) return 1;

    platform::RunMainLoop([&app]() {
        if (!platform::PollEvents()) return false;
        app.SetToday(Today());
        if (app.ApplyContentScale(platform::ContentScale(), platform::FontBytes())) platform::ReloadFontTexture();
        platform::NewFrame();
        app.Frame();
        platform::SetKeyboardWanted(ImGui::GetIO().WantCaptureKeyboard);
        platform::RenderFrame();
        return true;
    });

    platform::CloseWindow();
    ImGui::DestroyContext();
    return 0;
}
