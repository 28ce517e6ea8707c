import type { Catalog } from './text';

// Signing in, passwords, tokens and user accounts.

export const AUTH: Catalog = {
  auth_locked: { zh: '登录失败次数过多，请 {minutes} 分钟后再试', en: 'Too many failed sign-ins; try again in {minutes} minutes' },
  bad_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  bad_api_token: { zh: 'API 令牌无效', en: 'Invalid API token' },
  password_wrong: { zh: '密码错误', en: 'wrong password' },
  password_too_short: { zh: '至少 {min} 个字符', en: 'must be at least {min} characters' },
  password_too_simple: { zh: '过于简单，请使用更多不同的字符', en: 'is too simple: use more different characters' },
  password_common: { zh: '是常用密码，请换一个更难猜到的', en: 'is a commonly used password: choose one that is harder to guess' },
  password_username: { zh: '不能以用户名为基础', en: 'must not be built on the user name' },
  password_unchanged: { zh: '新密码不能与当前密码相同', en: 'must differ from the current password' },
  role_needs_org: { zh: '只有管理员角色可以不指定党组织', en: 'only the admin role may be granted without an organization' },
  username_taken: { zh: '此用户名已被使用', en: 'this username is taken' },
};
