// Creates one configurator per canvas; neither syncs the URL hash.
'use strict';
for (const id of ['left', 'right']) {
  const canvas = document.getElementById(id);
  createConfigurator({ canvas, catalogUrl: '/catalog/', fontUrl: '/font/apos-sans.ttf' })
    .then((configurator) => { canvas.configurator = configurator; });
}
