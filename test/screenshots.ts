/**
 * `npm run screenshots`: drives the sandbox in Debian's Chromium and writes the README's pictures
 * (1280×800 PNGs) into docs/images/. Everything shown is made by the real product: the script
 * acts through the sandbox's API and page like a person would, on a private, throwaway Redis.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { startPrivateRedis } from './support/global-redis.ts';
import { eventually, type InProcessSandbox, startInProcessSandbox } from './support/in-process-sandbox.ts';

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const DAY = 24 * 3600_000;

type Message = { ts: string; text: string; blocks: unknown[] | null };
type View = { id: string; blocks: { type: string; block_id?: string }[] };

async function reflect(
  box: InProcessSandbox,
  as: string,
  channel: string,
  answer: string,
  intention: string,
) {
  const dm = `D${as.slice(1)}`;
  const confirmations = async () =>
    (await box.api<{ messages: Message[] }>(`messages?as=${as}&channel=${dm}`)).messages.filter((m) =>
      m.text.includes('Saved your reflection'),
    ).length;
  const before = await confirmations();
  await box.api('compose', { as, channel, text: '/reflect' });
  const { stack } = await eventually(
    () => box.api<{ stack: View[] }>(`modals?as=${as}`),
    (r) => r.stack.length > 0,
    'the reflection modal',
  );
  const modal = stack.at(-1)!;
  const answers = modal.blocks.filter((b) => b.type === 'input' && b.block_id?.startsWith('answer_'));
  const values: Record<string, object> = Object.fromEntries(
    answers.map((b, i) => [
      b.block_id,
      { answer: { type: 'plain_text_input', value: i === 0 ? answer : '' } },
    ]),
  );
  values.intention = { intention: { type: 'plain_text_input', value: intention } };
  const saved = await box.api<{ result: string }>('submit', { as, viewId: modal.id, values });
  if (saved.result !== 'closed') throw new Error(`reflection not saved: ${JSON.stringify(saved)}`);
  // The confirmation DM is posted after the modal closes: wait for it before the clock moves on.
  await eventually(confirmations, (count) => count > before, 'the confirmation DM');
}

async function viewAs(page: Page, userId: string): Promise<void> {
  const dm = page.locator(`button[data-channel="D${userId.slice(1)}"]`);
  await page.locator(`#view-as option[value="${userId}"]`).waitFor({ state: 'attached' });
  // A refresh already under way when the person changes can answer for the one before: choose again.
  for (let attempt = 0; attempt < 10 && !(await dm.isVisible()); attempt++) {
    await page.locator('#view-as').selectOption(userId);
    await dm.waitFor({ timeout: 1000 }).catch(() => {});
  }
  await dm.waitFor({ timeout: 1000 });
}

/** Types `/reflect` in #team as the page's person and starts the first answer in the modal. */
async function openReflection(page: Page, firstAnswer: string): Promise<void> {
  await page.locator('button[data-channel="CTEAM"]').click();
  const composer = page.locator('#composer');
  await composer.click();
  await composer.fill('/reflect');
  await composer.press('Escape').catch(() => {});
  await page.locator('#composer-send').click();
  await page.locator('#modal').waitFor({ timeout: 10_000 });
  await page
    .locator('#modal [data-block-id="answer_0"] textarea, #modal [data-block-id="answer_0"] input')
    .first()
    .fill(firstAnswer);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(400);
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `${OUT}${name}` });
  process.stdout.write(`wrote docs/images/${name}\n`);
}

mkdirSync(OUT, { recursive: true });
const redis = await startPrivateRedis();
const box = await startInProcessSandbox({ redisUrl: `${redis.url}/0` });
const browser = await launchChromium();
try {
  // A week of life in the sandbox: people talk, thank each other and reflect.
  await box.api('compose', {
    as: 'UBEN',
    channel: 'CTEAM',
    text: 'Release 4.2 is out. Thanks all for the push this week!',
  });
  await box.api('compose', {
    as: 'UPRIYA',
    channel: 'CTEAM',
    text: 'Retro notes are in the doc. Two things we want to try next sprint.',
  });
  await box.api('compose', {
    as: 'UAMARA',
    channel: 'CTEAM',
    text: '/recognize <@ULUCAS|lucas> stayed with our new hire until the deploy was green, and made it feel easy #heart',
  });
  await box.api('compose', {
    as: 'UBEN',
    channel: 'CTEAM',
    text: '/recognize <@UPRIYA|priya> turned a tense retro into three experiments everyone signed up for #mind',
  });
  await eventually(
    () => box.api<{ messages: Message[] }>('messages?as=UAMARA&channel=CTEAM'),
    (r) =>
      ['<@ULUCAS>', '<@UPRIYA>'].every((who) =>
        r.messages.some((m) => m.blocks !== null && JSON.stringify(m.blocks).includes(who)),
      ),
    'both recognitions',
  );
  await reflect(
    box,
    'UPRIYA',
    'CTEAM',
    'I asked Lucas what he needs from me, then listened.',
    'Ask before I decide.',
  );
  await box.api('compose', { as: 'UPRIYA', channel: 'CTEAM', text: '/reflect schedule fri 16:00' });
  await box.api('compose', { as: 'UBEN', channel: 'CTEAM', text: '/reflect schedule fri 16:00' });
  await reflect(box, 'UBEN', 'CTEAM', 'I let the team choose the release date.', 'Say thank you by name.');
  // A week later, Ben's nudge quotes last week's intention.
  await box.api('clock', { advanceMs: 7 * DAY });
  // Nudges go out at 16:00 in each person's zone: Priya's (Kathmandu) comes before Ben's (New York).
  const hasNudge = async () =>
    (await box.api<{ messages: Message[] }>('messages?as=UBEN&channel=DBEN')).messages.some((m) =>
      JSON.stringify(m.blocks).includes('nudge_snooze'),
    );
  for (let jumps = 0; jumps < 3 && !(await hasNudge()); jumps++) {
    await box.api('clock', { to: 'next-nudge' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
  await eventually(
    () => box.api<{ messages: Message[] }>('messages?as=UBEN&channel=DBEN'),
    (r) => r.messages.some((m) => JSON.stringify(m.blocks).includes('nudge_snooze')),
    "Ben's nudge",
  );
  await reflect(
    box,
    'UPRIYA',
    'CTEAM',
    'I noticed Ben was quiet and asked how he was.',
    'Share the why behind the plan.',
  );

  // Amara names her people: the care radar shows who nobody has thanked lately.
  await box.api('compose', {
    as: 'UAMARA',
    channel: 'CGENERAL',
    text: '/reflect team <@UBEN|ben> <@UPRIYA|priya> <@ULUCAS|lucas>',
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(box.url);
  await page.locator('#view-as').waitFor();

  await viewAs(page, 'UBEN');
  await page.locator('button[data-channel="CTEAM"]').click();
  await shoot(page, 'channel-recognition.png');

  await page.locator('button[data-channel="DBEN"]').click();
  await shoot(page, 'nudge-dm.png');

  await viewAs(page, 'UAMARA');
  await page.locator('[data-home]').first().click();
  const radar = page.locator('#home [data-block-id^="care_radar_"]').first();
  await radar.waitFor({ timeout: 10_000 });
  // The Home may be redrawn as it opens (it is published in the person's language): scroll again then.
  for (let attempt = 0; attempt < 5; attempt++) {
    const scrolled = await radar.scrollIntoViewIfNeeded({ timeout: 2000 }).then(
      () => true,
      () => false,
    );
    if (scrolled) break;
  }
  await shoot(page, 'care-radar.png');

  await viewAs(page, 'UPRIYA');
  await page.locator('[data-home]').first().click();
  await page
    .locator('#home')
    .getByText(/Streak/)
    .waitFor({ timeout: 10_000 });
  await shoot(page, 'app-home.png');

  await openReflection(
    page,
    'I caught myself deciding the rota alone again. Next time: ask first, then decide together.',
  );
  await shoot(page, 'reflection-modal.png');

  // Lucas's Slack is set to Brazilian Portuguese: Throughline speaks it to him.
  await page.click('#modal-close');
  await page.locator('#modal').waitFor({ state: 'detached', timeout: 10_000 });
  await viewAs(page, 'ULUCAS');
  await openReflection(
    page,
    'Pedi à Priya que conduzisse a retro e só ouvi. Saiu melhor do que se eu tivesse decidido.',
  );
  await shoot(page, 'reflection-modal-pt-br.png');
} finally {
  await browser.close();
  await box.stop();
  await redis.stop();
}
