import type { Page } from 'playwright-core';

/**
 * A finger's stroke across the signature pad inside `#<pad>`: down, a zigzag, up. signature_pad
 * reads pointer events, which the mouse of a touch-enabled context produces too.
 */
export async function drawSignature(page: Page, pad: string): Promise<void> {
  const canvas = page.locator(`#${pad} canvas`);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error(`no signature pad in #${pad}`);
  await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.7);
  await page.mouse.down();
  for (const [x, y] of [
    [0.2, 0.3],
    [0.35, 0.75],
    [0.5, 0.25],
    [0.65, 0.7],
    [0.85, 0.4],
  ] as const)
    await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 6 });
  await page.mouse.up();
}
