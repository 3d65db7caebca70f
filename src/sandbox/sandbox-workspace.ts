import type { DoubleChannel, DoubleTeam, DoubleUser } from './slack-double.ts';

/**
 * The sandbox's Slack workspace: four people in four time zones (Kathmandu's +05:45 included, and
 * both daylight-saving hemispheres), one of them a workspace admin, two channels and the app.
 */
export interface SandboxPerson extends DoubleUser {
  teamId: string;
  name: string;
  real_name: string;
  tz: string;
  /** Avatar colour on the page. */
  color: string;
}

export const SANDBOX_TEAM: DoubleTeam = {
  teamId: 'TSANDBOX1',
  teamName: 'Sandbox',
  domain: 'sandbox',
  botUserId: 'USANDBOXBOT',
  botId: 'BSANDBOXBOT',
  botName: 'throughline',
  appId: 'ASANDBOXAPP',
  // The random part is added at start: a token means nothing outside this process.
  botToken: 'xoxb-sandbox',
};

export const SANDBOX_PEOPLE: SandboxPerson[] = [
  {
    teamId: SANDBOX_TEAM.teamId,
    id: 'UAMARA',
    name: 'amara',
    real_name: 'Amara Berg',
    tz: 'Europe/Berlin',
    is_admin: true,
    locale: 'en-US',
    color: '#8e44ad',
  },
  {
    teamId: SANDBOX_TEAM.teamId,
    id: 'UBEN',
    name: 'ben',
    real_name: 'Ben Carter',
    tz: 'America/New_York',
    locale: 'en-US',
    color: '#2980b9',
  },
  {
    teamId: SANDBOX_TEAM.teamId,
    id: 'UPRIYA',
    name: 'priya',
    real_name: 'Priya Shrestha',
    tz: 'Asia/Kathmandu',
    locale: 'en-US',
    color: '#d35400',
  },
  {
    teamId: SANDBOX_TEAM.teamId,
    id: 'ULUCAS',
    name: 'lucas',
    real_name: 'Lucas Souza',
    tz: 'America/Sao_Paulo',
    locale: 'pt-BR',
    color: '#16a085',
  },
];

export const SANDBOX_BOT_USER: DoubleUser = {
  teamId: SANDBOX_TEAM.teamId,
  id: SANDBOX_TEAM.botUserId,
  name: 'throughline',
  real_name: 'Throughline',
  is_bot: true,
  tz: 'UTC',
};

const everyone = [...SANDBOX_PEOPLE.map((person) => person.id), SANDBOX_TEAM.botUserId];

export const SANDBOX_CHANNELS: DoubleChannel[] = [
  { teamId: SANDBOX_TEAM.teamId, id: 'CGENERAL', name: 'general', members: everyone, isMember: true },
  { teamId: SANDBOX_TEAM.teamId, id: 'CTEAM', name: 'team', members: everyone, isMember: true },
];
