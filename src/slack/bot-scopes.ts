/** The bot scopes Throughline asks for; manifest.yml lists the same (a test keeps them equal). */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'usergroups:read',
  'channels:read',
  'groups:read',
  'files:write',
  'im:write',
  'im:history',
] as const;
