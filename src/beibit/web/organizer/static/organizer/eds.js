// "Sign with EDS and file": sign the filing's exact bytes with NCALayer (through the vendored
// ncalayer-js-client), put the CMS into the form and send it; the server verifies before it files.
(() => {
  "use strict";
  const form = document.getElementById("eds-form");
  const button = document.getElementById("eds-sign");
  const status = document.getElementById("eds-status");
  if (!form || !button || !status || typeof NCALayerClient === "undefined") {
    return;
  }
  const say = (text, isError) => {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    say(form.dataset.wait, false);
    const client = new NCALayerClient(form.dataset.ncalayer, false);
    try {
      await client.connect();
    } catch (error) {
      say(form.dataset.unreachable, true);
      button.disabled = false;
      return;
    }
    try {
      let storage = NCALayerClient.fileStorageType;
      try {
        const tokens = await client.getActiveTokens();
        if (Array.isArray(tokens) && tokens.length > 0) {
          storage = tokens[0];
        }
      } catch (ignored) {
        // older NCALayer versions: the key file (PKCS12)
      }
      const cms = await client.createCAdESFromBase64(storage, form.dataset.document, "SIGNATURE", false);
      form.elements.signature.value = cms;
      say(form.dataset.sending, false);
      form.submit();
    } catch (error) {
      say(`${form.dataset.failed} ${error && error.message ? error.message : error}`, true);
      button.disabled = false;
    }
  });
})();
