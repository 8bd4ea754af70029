/*
 * Finger-drawn signatures for the attendance pages, on signature_pad (loaded before this file).
 * Each [data-signature-pad] block gets a pad; on submit its drawing goes into the form's hidden
 * field as a PNG data URL (empty when nothing was drawn: the server then says so beside it).
 */
(() => {
  const SignaturePad = window.SignaturePad;
  if (!SignaturePad) return;
  for (const message of document.querySelectorAll('[data-needs-script]')) message.hidden = true;
  for (const block of document.querySelectorAll('[data-signature-pad]')) {
    const canvas = block.querySelector('canvas');
    const field = block.querySelector('input[type="hidden"]');
    const clear = block.querySelector('[data-clear]');
    const form = block.closest('form');
    if (!canvas || !field || !form) continue;
    block.hidden = false;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255, 255, 255)',
      penColor: 'rgb(11, 12, 12)',
    });
    // The canvas is drawn at the screen's density so the signature stays sharp on a phone.
    const fitToScreen = () => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const strokes = pad.toData();
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d').scale(ratio, ratio);
      pad.clear();
      pad.fromData(strokes);
    };
    window.addEventListener('resize', fitToScreen);
    fitToScreen();
    clear?.addEventListener('click', () => {
      pad.clear();
      field.value = '';
      canvas.focus();
    });
    form.addEventListener('submit', () => {
      field.value = pad.isEmpty() ? '' : pad.toDataURL('image/png');
    });
  }
})();
