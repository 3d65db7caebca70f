import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recognitionModal } from '#messages/recognition-modal.ts';
import { recognitionDm } from '#messages/recognition-post.ts';
import { EMPTY_REFLECTION_ERROR } from '#messages/reflect-modal.ts';
import { CHROMIUM_ARGS, FakeSandbox, openPage } from './fake-sandbox.ts';

/**
 * The sandbox page in Debian's Chromium, against a fake sandbox server that answers the API of
 * src/sandbox/API.md with the product's own Block Kit. Each test checks what a person sees and the
 * exact payload the page sends back.
 */

let browser: Browser;
let page: Page;
let fake: FakeSandbox;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.context().close();
});

async function open(): Promise<Page> {
  fake = new FakeSandbox();
  page = await openPage(browser, fake);
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

describe('messages', () => {
  it('shows the nudge DM with its buttons, the APP badge, times in the viewer’s zone and ephemeral messages', async () => {
    await open();
    await page.click('[data-channel="DAMARA"]');
    const nudge = page.locator('.message').first();
    await expect.poll(() => nudge.locator('.app-badge').textContent()).toBe('APP');
    // 14:00 UTC is 3:00 PM in Berlin.
    expect(await nudge.locator('.message-time').textContent()).toBe('3:00 PM');
    const reflect = nudge.locator('[data-action-id="nudge_reflect_now"]');
    expect(await reflect.textContent()).toBe('Reflect now');
    expect(await reflect.getAttribute('class')).toContain('bk-button--primary');
    expect(await page.locator('.message--ephemeral .message-ephemeral-note').textContent()).toBe(
      'Only visible to you',
    );

    // The same moment for Sita in Kathmandu (+05:45).
    await page.selectOption('#view-as', 'USITA');
    await page.click('[data-channel="CGENERAL"]');
    await expect.poll(() => page.locator('.message-time').first().textContent()).toBe('7:45 PM');
  });

  it('sends a button click exactly as Slack reports it', async () => {
    await open();
    await page.click('[data-channel="DAMARA"]');
    const message = page.locator('.message').first();
    const ts = await message.getAttribute('data-ts');
    await message.locator('[data-action-id="nudge_snooze"]').click();
    await expect
      .poll(() => posted('action'))
      .toEqual([
        {
          as: 'UAMARA',
          action: { type: 'button', action_id: 'nudge_snooze', block_id: 'nudge_actions', value: '2026-W49' },
          container: { type: 'message', channel: 'DAMARA', ts },
        },
      ]);
  });

  it('asks for confirmation before a button with `confirm`, and sends nothing when denied', async () => {
    await open();
    await page.click('[data-channel="DAMARA"]');
    const button = page.locator('[data-action-id="reflect_forget_confirm"]');
    await button.click();
    expect(await page.locator('#confirm-dialog .modal-title').textContent()).toBe('Delete everything?');
    await page.click('#confirm-deny');
    expect(posted('action')).toEqual([]);
    await button.click();
    await page.click('#confirm-yes');
    await expect
      .poll(() => posted('action')[0]?.container)
      .toMatchObject({ is_ephemeral: true, channel: 'DAMARA' });
  });

  it('runs the "Recognize the author" message shortcut from the More actions menu', async () => {
    await open();
    await page.click('[data-channel="CTEAM"]');
    const message = page.locator('.message').filter({ hasText: 'So true' });
    const ts = await message.getAttribute('data-ts');
    await message.hover();
    await message.locator('[data-more-actions]').click();
    await page.click('[data-shortcut="recognize_author"]');
    await expect
      .poll(() => posted('shortcut'))
      .toEqual([{ as: 'UAMARA', callbackId: 'recognize_author', channel: 'CTEAM', ts }]);
  });
  it('opens a permalink into the workspace on its message, here', async () => {
    await open();
    const post = fake.messages.CTEAM?.[1];
    const dm = recognitionDm({
      giverId: 'UBEN',
      recipientIds: ['UAMARA'],
      words: 'thanks',
      dimension: 'heart',
      channelId: 'CTEAM',
      permalink: `https://sandbox.slack.com/archives/CTEAM/p${post?.ts.replace('.', '')}`,
    });
    fake.messages.DAMARA?.push({
      ts: '1796396500.000010',
      at: '2026-12-04T15:20:00.000Z',
      user: null,
      bot: true,
      ephemeral: false,
      edited: false,
      threadTs: null,
      ...dm,
    });
    await page.click('[data-channel="DAMARA"]');
    await page.click('[data-ts="1796396500.000010"] a.mk-link');
    const highlighted = page.locator('.message--highlight');
    await highlighted.waitFor();
    expect(await highlighted.getAttribute('data-ts')).toBe(post?.ts);
    expect(await page.locator('[data-channel="CTEAM"]').getAttribute('aria-current')).toBe('page');
  });
});

describe('composer', () => {
  it('offers slash commands and people, and sends Slack’s escaped form', async () => {
    await open();
    await page.click('[data-channel="CTEAM"]');
    await page.click('#composer');
    await page.keyboard.type('/rec');
    expect(await page.locator('#composer-popover [data-command]').allInnerTexts()).toEqual([
      expect.stringContaining('/recognize'),
    ]);
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#composer')).toBe('/recognize ');
    await page.keyboard.type('@be');
    // "be" starts Ben's handle, so he comes before Amara Berg.
    expect(await page.locator('#composer-popover [data-user-id]').first().getAttribute('data-user-id')).toBe(
      'UBEN',
    );
    await page.keyboard.press('Enter');
    await page.keyboard.type('fixed the build & more <3 #heart');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => posted('compose'))
      .toEqual([
        {
          as: 'UAMARA',
          channel: 'CTEAM',
          text: '/recognize <@UBEN|ben> fixed the build &amp; more &lt;3 #heart',
        },
      ]);
  });

  it('answers an unknown command in place, as Slack does', async () => {
    await open();
    await page.click('[data-channel="CGENERAL"]');
    await page.fill('#composer', '/nope now');
    await page.press('#composer', 'Enter');
    const notice = page.locator('.message--ephemeral').filter({ hasText: '/nope is not a valid command' });
    await notice.waitFor();
    expect(await notice.locator('.message-author').textContent()).toBe('Slackbot');
  });
});

describe('modals', () => {
  it('opens the reflection modal with focus inside, sends state.values, shows inline errors and keeps typed text', async () => {
    await open();
    await page.click('[data-channel="DAMARA"]');
    await page.fill('#composer', '/reflect');
    await page.press('#composer', 'Enter');
    await page.locator('#modal').waitFor();
    expect(await page.locator('#modal-title').textContent()).toBe('Weekly reflection');
    expect(
      await page.evaluate(
        `document.activeElement?.closest('[data-block-id]')?.getAttribute('data-block-id')`,
      ),
    ).toBe('answer_0');

    fake.submitAnswer = { ok: true, result: 'errors', errors: { answer_1: EMPTY_REFLECTION_ERROR } };
    await page.fill('[data-block-id="answer_1"] textarea', 'I listened to Sam');
    await page.selectOption('[data-block-id="rating_heart"] select', '2');
    await page.click('#modal-submit');
    const error = page.locator('[data-block-id="answer_1"] .bk-error');
    await expect.poll(() => error.textContent()).toContain(EMPTY_REFLECTION_ERROR);
    expect(await page.inputValue('[data-block-id="answer_1"] textarea')).toBe('I listened to Sam');

    const [submit] = posted('submit');
    expect(submit?.viewId).toBe('VREFLECT');
    const values = submit?.values as Record<string, Record<string, unknown>>;
    expect(values.answer_0).toEqual({ answer: { type: 'plain_text_input', value: null } });
    expect(values.answer_1).toEqual({ answer: { type: 'plain_text_input', value: 'I listened to Sam' } });
    expect(values.intention).toEqual({ intention: { type: 'plain_text_input', value: null } });
    expect(values.rating_heart).toEqual({
      rating: {
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'Quite a bit' }, value: '2' },
      },
    });
    expect(values.rating_soul).toEqual({ rating: { type: 'static_select', selected_option: null } });

    await page.keyboard.press('Escape');
    await expect.poll(() => posted('close')).toEqual([{ as: 'UAMARA', viewId: 'VREFLECT' }]);
    await page.locator('#modal').waitFor({ state: 'detached' });
  });

  it('sends people, a dimension, a radio choice and the current channel from the recognition modal', async () => {
    await open();
    await page.click('[data-channel="CTEAM"]');
    fake.modalStack = [fake.view(recognitionModal({ words: 'thanks' }), 'VRECOGNIZE')];
    fake.bump();
    await page.locator('#modal').waitFor();
    // A required field left empty is caught before anything is sent, as in Slack.
    await page.click('#modal-submit');
    expect(await page.locator('[data-block-id="recognition_recipients"] .bk-error').textContent()).toContain(
      'Please complete this required field.',
    );
    expect(posted('submit')).toEqual([]);

    await page.click('[data-block-id="recognition_recipients"] input');
    await page.keyboard.type('sit');
    await page.click('[data-block-id="recognition_recipients"] [role="option"][data-value="USITA"]');
    await page.check('[data-block-id="recognition_visibility"] input[value="private"]');
    await page.click('#modal-submit');
    await expect.poll(() => posted('submit').length).toBe(1);
    expect(posted('submit')[0]?.values).toEqual({
      recognition_recipients: { value: { type: 'multi_users_select', selected_users: ['USITA'] } },
      recognition_words: { value: { type: 'plain_text_input', value: 'thanks' } },
      recognition_dimension: {
        value: {
          type: 'static_select',
          selected_option: {
            text: { type: 'plain_text', text: 'Heart · caring for people' },
            value: 'heart',
          },
        },
      },
      recognition_visibility: {
        value: {
          type: 'radio_buttons',
          selected_option: {
            text: { type: 'plain_text', text: 'Send privately' },
            description: {
              type: 'plain_text',
              text: 'Only they get it, by DM. Never posted in a channel or digest.',
            },
            value: 'private',
          },
        },
      },
      recognition_channel: { value: { type: 'conversations_select', selected_conversation: 'CTEAM' } },
    });
  });
});

describe('controls', () => {
  it('moves the clock, resets after a confirmation and names the viewer in every request', async () => {
    await open();
    await page.click('#clock-plus-hour');
    await page.click('#clock-plus-day');
    await page.click('#clock-next-nudge');
    await expect
      .poll(() => posted('clock'))
      .toEqual([{ advanceMs: 3_600_000 }, { advanceMs: 86_400_000 }, { to: 'next-nudge' }]);
    await page.click('#reset');
    await page.click('#confirm-yes');
    await expect.poll(() => posted('reset')).toEqual([{}]);
    await page.selectOption('#view-as', 'ULUCAS');
    await page.click('[data-home]');
    await expect.poll(() => posted('home/open').at(-1)).toEqual({ as: 'ULUCAS' });
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
