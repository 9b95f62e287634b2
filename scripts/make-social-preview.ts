/**
 * Renders public/social-preview.png (1200x630), the image link previews show, from a small HTML card with
 * the system Chromium (or Playwright's). Usage: npx tsx scripts/make-social-preview.ts
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const executablePath = existsSync(chromium.executablePath())
  ? undefined
  : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const card = `<!doctype html><html><body style="margin:0;width:1200px;height:630px;display:flex;flex-direction:column;
justify-content:center;padding:0 90px;box-sizing:border-box;background:#0b1f3a;color:#fff;font-family:system-ui,sans-serif">
<div style="font-size:30px;color:#8ab4f8;margin-bottom:18px">Dapr on Azure, password-less</div>
<div style="font-size:76px;font-weight:700;line-height:1.05">Dapr Managed Identity Wizard</div>
<div style="font-size:28px;margin-top:30px;color:#dbe7ff;line-height:1.35">Component YAML and the exact Azure CLI commands:
identity, least role on the one resource, verify.<br>AKS · Container Apps · App Service · Functions · VM · VMSS · ACI</div>
</body></html>`;

const browser = await chromium.launch(executablePath ? { executablePath } : {});
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
await page.setContent(card);
await page.screenshot({ path: 'public/social-preview.png' });
await browser.close();
console.log('wrote public/social-preview.png');
