import type { Catalog } from './text';

// The import upload itself (the row-by-row report speaks through its own report, not these codes).

export const IMPORTS: Catalog = {
  import_job_used: { zh: '此 jobId 已被使用，每次上传请生成新的', en: 'This jobId is already used; generate a new one for each upload' },
  import_kind: { zh: '应为 "orgs" 或 "members"', en: 'must be "orgs" or "members"' },
  true_or_false: { zh: '应为 "true" 或 "false"', en: 'must be "true" or "false"' },
  uuid_required: { zh: '应为 uuid', en: 'must be a uuid' },
};
