// "Sign with EDS and record": ask the server for the exact bytes of the decision as entered, sign them with
// NCALayer (the vendored ncalayer-js-client), put the CMS into the form and send it; the server verifies
// the signature and that it is the officer's before it records anything.
(() => {
  "use strict";
  const form = document.getElementById("decision-form");
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
    const response = await fetch(status.dataset.documentUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
    });
    if (!response.ok) {
      say(status.dataset.invalid, true);
      button.disabled = false;
      return;
    }
    const { document: data } = await response.json();
    say(status.dataset.wait, false);
    const client = new NCALayerClient(status.dataset.ncalayer, false);
    try {
      await client.connect();
    } catch (error) {
      say(status.dataset.unreachable, true);
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
      form.elements.signature.value = await client.createCAdESFromBase64(storage, data, "SIGNATURE", false);
      say(status.dataset.sending, false);
      form.submit();
    } catch (error) {
      say(`${status.dataset.failed} ${error && error.message ? error.message : error}`, true);
      button.disabled = false;
    }
  });
})();
