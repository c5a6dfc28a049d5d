"""报备 → 审批 → 备案 services the filing handlers, corrections and the scheduler share: the deployment's
settings, whether an entry must be filed, the rules' review of a filing, and the pushes to approvers."""
