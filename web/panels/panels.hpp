// The configurator's panels, one file each. Panels show the core's results and edit AppState;
// they never compute eligibility or prices themselves.
//
//  [X] Device    (device_panel.cpp): the device input and its resolved base-warranty facts
//  [X] Services  (services_panel.cpp): every offer with status, window and price; select to quote
//  [X] Quote     (quote_panel.cpp): lines, rejected services, totals; copy / download as JSON
//  [ ] Timeline, Fleet, Settings, Recommendations: placeholders for the real panels to come
#pragma once

namespace apos::ui {

class App;

void DrawDevicePanel(App& app);
void DrawServicesPanel(App& app);
void DrawQuotePanel(App& app);

}  // namespace apos::ui
