// The Key Vault secret behind each secret app setting. One list, imported by the vault module (which
// writes the secrets) and by the function app module (which references them), so a rename cannot
// leave an app setting pointing at a secret that no longer exists.

@export()
@description('Key Vault secret name for each secret the app reads, keyed by a short identifier.')
var secretNames = {
  githubWebhookSecret: 'github-webhook-secret'
  githubPrivateKey: 'github-private-key'
  githubToken: 'github-token'
  sshPrivateKey: 'ssh-private-key'
  approvalsSigningKey: 'approvals-signing-key'
  smtpPassword: 'smtp-password'
  apiKeys: 'api-keys'
}
