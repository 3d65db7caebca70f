import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { useBrowser } from '#test/support/sandbox-page.ts';
import { FakeSandbox, openPage } from './fake-sandbox.ts';

/**
 * The sandbox page in Debian's Chromium against a fake sandbox server, for what the product cannot
 * be made to send (raw markup in a message, Block Kit it does not use yet); everything the product
 * does send is tested on the real sandbox in page-live.test.ts.
 */

const browser = useBrowser();
let page: Page;
let fake: FakeSandbox;

afterEach(async () => {
  await page?.context().close();
});

async function open(): Promise<Page> {
  fake = new FakeSandbox();
  page = await openPage(browser(), fake);
  await page.locator('[data-block-id]').first().waitFor();
  return page;
}

const posted = (path: string) => fake.recorded.filter((r) => r.path === path).map((r) => r.body);

describe('mrkdwn', () => {
  it('parses Slack formatting, mentions, links, quotes and entities', async () => {
    await open();
    const texts = [
      '*bold* _it_ ~gone~ `co*de*` a*b*c snake_case',
      '>quoted &lt;b&gt; &amp;amp;\n>second\nafter',
      '```pre *plain*\nline```',
      '<@UBEN|ben> <#CTEAM|team> <!here> <https://x.test/a?b=1&amp;c=2|See> <javascript:alert(1)|x> :sparkles: :nope:',
    ];
    // A string, so the test runner's transform leaves the browser's own import() alone.
    const parsed = await page.evaluate(
      `import('/mrkdwn.js').then((m) => ${JSON.stringify(texts)}.map((text) => m.parseMrkdwn(text)))`,
    );
    expect((parsed as unknown[])[0]).toEqual([
      { type: 'bold', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' ' },
      { type: 'italic', children: [{ type: 'text', text: 'it' }] },
      { type: 'text', text: ' ' },
      { type: 'strike', children: [{ type: 'text', text: 'gone' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'co*de*' },
      { type: 'text', text: ' a*b*c snake_case' },
    ]);
    expect((parsed as unknown[])[1]).toEqual([
      {
        type: 'quote',
        children: [
          { type: 'text', text: 'quoted <b> &amp;' },
          { type: 'br' },
          { type: 'text', text: 'second' },
        ],
      },
      { type: 'text', text: 'after' },
    ]);
    expect((parsed as unknown[])[2]).toEqual([{ type: 'pre', text: 'pre *plain*\nline' }]);
    expect((parsed as unknown[])[3]).toEqual([
      { type: 'user', id: 'UBEN', label: 'ben' },
      { type: 'text', text: ' ' },
      { type: 'channel', id: 'CTEAM', label: 'team' },
      { type: 'text', text: ' ' },
      { type: 'special', name: 'here' },
      { type: 'text', text: ' ' },
      { type: 'link', url: 'https://x.test/a?b=1&c=2', label: 'See' },
      { type: 'text', text: ' <javascript:alert(1)|x> ' },
      { type: 'emoji', name: 'sparkles' },
      { type: 'text', text: ' :nope:' },
    ]);
  });

  it('shows message content as text, never as markup, and links open safely', async () => {
    await open();
    await page.click('[data-channel="CGENERAL"]');
    const message = page.locator('.message').filter({ hasText: 'Plain text with a' });
    await expect.poll(() => message.textContent()).toContain('<script>alert(1)</script>');
    expect(await page.locator('#messages script').count()).toBe(0);
    // The viewer's own mention is highlighted.
    await expect.poll(() => page.locator('.mk-mention--me').first().textContent()).toBe('@Amara Berg');
    const source = '<https://example.test|site> <javascript:alert(1)|bad> <img src=x onerror=alert(1)>';
    const html = await page.evaluate(`import('/mrkdwn.js').then((m) => {
      const div = document.createElement('div');
      div.appendChild(m.renderMrkdwn(${JSON.stringify(source)}, { userName: () => undefined, channelName: () => undefined }));
      return div.innerHTML;
    })`);
    expect(html).toBe(
      '<a class="mk-link" href="https://example.test/" target="_blank" rel="noopener noreferrer">site</a> &lt;javascript:alert(1)|bad&gt; &lt;img src=x onerror=alert(1)&gt;',
    );
  });
});

describe('composer', () => {
  it('sends what is typed from the send button even while a suggestion is open', async () => {
    await open();
    await page.click('[data-channel="CGENERAL"]');
    await page.locator('#composer').pressSequentially('see you @be');
    await page.locator('#composer-popover [data-user-id="UBEN"]').waitFor();
    await page.click('#composer-send');
    await expect
      .poll(() => posted('compose'))
      .toEqual([{ as: 'UAMARA', channel: 'CGENERAL', text: 'see you @be' }]);
    await expect.poll(() => page.inputValue('#composer')).toBe('');
    expect(await page.locator('#composer-popover').isHidden()).toBe(true);
  });
});

describe('people', () => {
  it('shows a profile card with the person’s local time for a mention or an author', async () => {
    await open();
    await page.click('[data-channel="CGENERAL"]');
    await page.locator('#messages .mk-mention[data-user-id="UAMARA"]').first().click();
    const card = page.locator('#profile-card');
    expect(await card.locator('.profile-card-name').textContent()).toBe('Amara Berg');
    expect(await card.locator('.profile-card-handle').textContent()).toBe('@amara · Workspace admin');
    // The sandbox clock reads 15:00 UTC: 4 PM in Berlin, 10 AM in New York.
    expect(await card.locator('.profile-card-time').textContent()).toBe('4:00 PM local time');
    await page.locator('#messages .message-author[data-user-id="UBEN"]').first().click();
    expect(await card.locator('.profile-card-time').textContent()).toBe('10:00 AM local time');
    await page.keyboard.press('Escape');
    expect(await card.count()).toBe(0);
  });
});

describe('Block Kit beyond the product’s current builders', () => {
  const kitchenSink = [
    { type: 'header', text: { type: 'plain_text', text: 'Kitchen sink :sparkles:' } },
    {
      type: 'section',
      block_id: 'fields',
      fields: [
        { type: 'mrkdwn', text: '*Left*\none' },
        { type: 'plain_text', text: 'Right' },
      ],
    },
    {
      type: 'context',
      elements: [
        { type: 'image', image_url: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', alt_text: 'dot' },
        { type: 'mrkdwn', text: 'with an image' },
      ],
    },
    {
      type: 'actions',
      block_id: 'pickers',
      elements: [
        {
          type: 'static_select',
          action_id: 'grouped',
          placeholder: { type: 'plain_text', text: 'Pick' },
          option_groups: [
            {
              label: { type: 'plain_text', text: 'Early' },
              options: [{ text: { type: 'plain_text', text: 'Morning' }, value: 'am' }],
            },
            {
              label: { type: 'plain_text', text: 'Late' },
              options: [{ text: { type: 'plain_text', text: 'Evening' }, value: 'pm' }],
            },
          ],
        },
        {
          type: 'checkboxes',
          action_id: 'boxes',
          options: [
            { text: { type: 'plain_text', text: 'One' }, value: '1' },
            { text: { type: 'mrkdwn', text: '*Two*' }, value: '2' },
          ],
        },
      ],
    },
  ];

  it('renders fields, context images and option groups, and reports selects and checkboxes in messages', async () => {
    await open();
    fake.messages.CGENERAL?.push({
      ts: '1796396500.000009',
      at: '2026-12-04T15:10:00.000Z',
      user: null,
      bot: true,
      text: 'kitchen sink',
      blocks: kitchenSink,
      ephemeral: false,
      edited: false,
      threadTs: null,
    });
    await page.click('[data-channel="CGENERAL"]');
    const message = page.locator('[data-ts="1796396500.000009"]');
    await message.waitFor();
    expect(await message.locator('.bk-field').allTextContents()).toEqual(['Leftone', 'Right']);
    expect(await message.locator('.bk-context-image').getAttribute('alt')).toBe('dot');
    expect(
      await message.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label'))),
    ).toEqual(['Early', 'Late']);
    await message.locator('[data-action-id="grouped"]').selectOption('pm');
    await message.locator('[data-action-id="boxes"] input[value="2"]').check();
    await expect
      .poll(() => posted('action').map((body) => body.action))
      .toEqual([
        {
          type: 'static_select',
          action_id: 'grouped',
          block_id: 'pickers',
          selected_option: { text: { type: 'plain_text', text: 'Evening' }, value: 'pm' },
        },
        {
          type: 'checkboxes',
          action_id: 'boxes',
          block_id: 'pickers',
          selected_options: [{ text: { type: 'mrkdwn', text: '*Two*' }, value: '2' }],
        },
      ]);
  });

  it('checks min_length before sending, sends checkboxes and a single user, and keeps typed text across views.update', async () => {
    await open();
    const modal = (hash: string) => ({
      type: 'modal' as const,
      id: 'VSINK',
      hash,
      title: { type: 'plain_text' as const, text: 'Sink' },
      submit: { type: 'plain_text' as const, text: 'Go' },
      blocks: [
        {
          type: 'input',
          block_id: 'why',
          label: { type: 'plain_text', text: 'Why' },
          element: { type: 'plain_text_input', action_id: 'text', min_length: 5 },
        },
        {
          type: 'input',
          block_id: 'who',
          label: { type: 'plain_text', text: 'Who' },
          element: { type: 'users_select', action_id: 'user', initial_user: 'UBEN' },
        },
        {
          type: 'input',
          block_id: 'which',
          optional: true,
          label: { type: 'plain_text', text: 'Which' },
          element: {
            type: 'checkboxes',
            action_id: 'boxes',
            initial_options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
            options: [
              { text: { type: 'plain_text', text: 'One' }, value: '1' },
              { text: { type: 'plain_text', text: 'Two' }, value: '2' },
            ],
          },
        },
      ],
    });
    fake.modalStack = [modal('h1') as never];
    fake.bump();
    await page.locator('#modal').waitFor();
    await page.fill('[data-block-id="why"] input', 'abc');
    await page.click('#modal-submit');
    expect(await page.locator('[data-block-id="why"] .bk-error').textContent()).toContain(
      'at least 5 characters',
    );
    expect(posted('submit')).toEqual([]);

    // views.update (same id, new hash) keeps what was typed, as Slack does for unchanged ids.
    fake.modalStack = [modal('h2') as never];
    fake.bump();
    await expect.poll(() => page.locator('#modal').getAttribute('data-view-id')).toBe('VSINK');
    await page.locator('[data-block-id="why"] .bk-error').waitFor({ state: 'hidden' });
    expect(await page.inputValue('[data-block-id="why"] input')).toBe('abc');

    await page.fill('[data-block-id="why"] input', 'abcdef');
    await page.click('#modal-submit');
    await expect
      .poll(() => posted('submit')[0]?.values)
      .toEqual({
        why: { text: { type: 'plain_text_input', value: 'abcdef' } },
        who: { user: { type: 'users_select', selected_user: 'UBEN' } },
        which: {
          boxes: {
            type: 'checkboxes',
            selected_options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
          },
        },
      });
  });
});
