import { describe, expect, it } from 'vitest';
import { careRadarSection, careRadarTeamMessage } from '#messages/care-radar-section.ts';
import { inviteBotNotice } from '#messages/channel-prompt-message.ts';
import {
  RECOGNITION_BLOCKS,
  readRecognitionModal,
  recognitionModal,
  recognitionProblemView,
  recognitionSentView,
} from '#messages/recognition-modal.ts';
import { privateRecognitionDm, recognitionDm, recognitionPost } from '#messages/recognition-post.ts';
import { recognizeHelpMessage } from '#messages/recognize-help.ts';
import { mrkdwnToPlain } from '#src/recognition/mrkdwn-to-plain.ts';
import { checkRecognitionForm } from '#src/recognition/recognition-form.ts';
import { blockKitViolations } from '#src/sandbox/block-kit-limits.ts';

function state(values: {
  users?: string[];
  words?: string;
  dimension?: string;
  visibility?: string;
  channel?: string | null;
}) {
  return {
    [RECOGNITION_BLOCKS.recipients]: {
      value: { type: 'multi_users_select', selected_users: values.users ?? [] },
    },
    [RECOGNITION_BLOCKS.words]: { value: { type: 'plain_text_input', value: values.words ?? null } },
    [RECOGNITION_BLOCKS.dimension]: {
      value: {
        type: 'static_select',
        selected_option: values.dimension ? { value: values.dimension } : null,
      },
    },
    [RECOGNITION_BLOCKS.visibility]: {
      value: {
        type: 'radio_buttons',
        selected_option: values.visibility ? { value: values.visibility } : null,
      },
    },
    [RECOGNITION_BLOCKS.channel]: {
      value: { type: 'conversations_select', selected_conversation: values.channel ?? null },
    },
  };
}

describe('recognition modal', () => {
  it('is within Block Kit limits, pre-filled or empty', () => {
    expect(blockKitViolations('modal', recognitionModal())).toEqual([]);
    const filled = recognitionModal({
      recipients: Array.from({ length: 12 }, (_, i) => `U${i + 10}`),
      words: 'x'.repeat(5000),
      dimension: 'mind',
      channelId: 'C1',
    });
    expect(blockKitViolations('modal', filled)).toEqual([]);
    const json = JSON.stringify(filled);
    expect(json).toContain('"initial_conversation":"C1"');
    expect(json).toContain('"value":"mind"');
    expect(
      blockKitViolations('modal', recognitionSentView({ visibility: 'private', recipients: ['U1'] })),
    ).toEqual([]);
    expect(blockKitViolations('modal', recognitionProblemView('nope'))).toEqual([]);
  });

  it('defaults to heart and posting in the channel', () => {
    const json = JSON.stringify(recognitionModal());
    expect(json).toMatch(
      /"initial_option":\{"text":\{"type":"plain_text","text":"Heart[^"]*"\},"value":"heart"\}/,
    );
    expect(json).toContain('"value":"channel"');
  });

  it('reads what was submitted, dropping malformed ids and unknown values', () => {
    expect(
      readRecognitionModal(
        state({
          users: ['U1', 'U1', 'bogus'],
          words: '  did it  ',
          dimension: 'soul',
          visibility: 'private',
          channel: 'C9',
        }),
      ),
    ).toEqual({
      recipients: ['U1'],
      words: 'did it',
      dimension: 'soul',
      visibility: 'private',
      channelId: 'C9',
    });
    expect(readRecognitionModal(state({ dimension: 'toString', visibility: 'x', channel: 'D1' }))).toEqual({
      recipients: [],
      words: '',
      dimension: 'heart',
      visibility: 'channel',
      channelId: undefined,
    });
    expect(readRecognitionModal('garbage')).toMatchObject({ recipients: [], dimension: 'heart' });
  });
});

describe('checkRecognitionForm', () => {
  const context = { giverId: 'UG', botUserId: 'UBOT1' };
  const form = (values: Parameters<typeof state>[0]) => readRecognitionModal(state(values));

  it('accepts a good form and escapes the words', () => {
    expect(checkRecognitionForm(form({ users: ['U1'], words: 'a <b> & c', channel: 'C1' }), context)).toEqual(
      {
        ok: true,
        words: 'a &lt;b&gt; &amp; c',
      },
    );
  });

  it('gives inline errors by block', () => {
    const check = checkRecognitionForm(form({ users: ['UG'], words: 'thanks @here' }), context);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(
      [RECOGNITION_BLOCKS.recipients, RECOGNITION_BLOCKS.words, RECOGNITION_BLOCKS.channel].sort(),
    );
    expect(check.errors[RECOGNITION_BLOCKS.words]).toContain('ping');
  });

  it('needs no channel for a private recognition', () => {
    expect(checkRecognitionForm(form({ users: ['U1'], words: 'x', visibility: 'private' }), context).ok).toBe(
      true,
    );
  });
});

describe('recognition messages', () => {
  const content = {
    giverId: 'UG',
    recipientIds: ['U1', 'U2', 'U3'],
    words: 'shipped\nthe fix',
    dimension: 'mind' as const,
  };

  it('posts mentions, the giver, the quoted words and the dimension', () => {
    const post = recognitionPost(content);
    expect(blockKitViolations('message', post.blocks)).toEqual([]);
    expect(post.text).toContain('<@UG>');
    const json = JSON.stringify(post.blocks);
    expect(json).toContain('<@U1>, <@U2> and <@U3>');
    expect(json).toContain('> shipped\\n> the fix');
    expect(json).toContain('Mind');
  });

  it('DMs link to the post; private DMs say who can see them', () => {
    const dm = recognitionDm({
      ...content,
      channelId: 'C1',
      permalink: 'https://x.slack.com/archives/C1/p1',
    });
    expect(blockKitViolations('message', dm.blocks)).toEqual([]);
    expect(JSON.stringify(dm.blocks)).toContain('<https://x.slack.com/archives/C1/p1|See the post>');
    const secret = privateRecognitionDm({ ...content, recipientId: 'U2' });
    expect(JSON.stringify(secret.blocks)).toContain('Only you, <@U1>, <@U3> and <@UG> can see this');
    expect(blockKitViolations('message', inviteBotNotice('C1').blocks)).toEqual([]);
    expect(inviteBotNotice('C1').text).toContain('/invite @Throughline');
  });

  it('help lists every /recognize word', () => {
    const help = recognizeHelpMessage();
    expect(blockKitViolations('message', help.blocks)).toEqual([]);
    for (const word of ['/recognize @someone', '/recognize schedule', '/recognize digest', '/reflect team']) {
      expect(help.text).toContain(word);
    }
  });
});

describe('care radar section', () => {
  it('lists overlooked people with a Recognize button each, within limits', () => {
    const overlooked = Array.from({ length: 30 }, (_, i) => `U${100 + i}`);
    const blocks = careRadarSection({ team: overlooked, overlooked, weeks: 4 }, { surface: 'home' });
    expect(blockKitViolations('home', blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(20);
    const json = JSON.stringify(blocks);
    expect(json).toContain('care_radar_recognize');
    expect(json).toContain('only you can see this');
    expect(json).toContain('and 15 more');
  });

  it('shows nothing in the nudge when nobody is overlooked or nobody was named', () => {
    expect(careRadarSection({ team: [], overlooked: [], weeks: 4 }, { surface: 'nudge' })).toEqual([]);
    expect(careRadarSection({ team: ['U1'], overlooked: [], weeks: 4 }, { surface: 'nudge' })).toEqual([]);
  });

  it('the /reflect team reply stays within message limits for 200 people', () => {
    const team = Array.from({ length: 200 }, (_, i) => `U0${String(i).padStart(9, '0')}`);
    const message = careRadarTeamMessage({ team, overlooked: team, weeks: 4 }, { usage: 'usage' });
    expect(blockKitViolations('message', message.blocks)).toEqual([]);
  });
});

describe('mrkdwnToPlain', () => {
  it('turns parsed words back into typed text', () => {
    expect(mrkdwnToPlain('a &lt;b&gt; &amp; <https://x.io|doc> <@U1> <#C1|general>')).toBe(
      'a <b> & doc (https://x.io) @U1 #general',
    );
  });
});
