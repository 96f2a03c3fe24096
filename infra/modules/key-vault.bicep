// Key Vault for the school's own use. It holds no credential of this app: the server signs in with
// its managed identity through a federated credential (modules/managed-identity.bicep), has no
// client secret, and is given no access to this vault. Access is by Azure RBAC only (no access
// policies); soft delete and purge protection are on so anything stored here can be recovered and
// cannot be destroyed early; every read is logged to the workspace.

param name string
param location string
param tenantId string
param logAnalyticsWorkspaceId string
@description('Optional principal made Key Vault Certificates Officer.')
param certificatesOfficerPrincipalId string = ''
param tags object

// Built-in role: Key Vault Certificates Officer.
var certificatesOfficerRoleId = 'a4417e6f-fecd-4de8-b567-7b0420556985'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource certificatesOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(certificatesOfficerPrincipalId)) {
  name: guid(vault.id, certificatesOfficerPrincipalId, certificatesOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', certificatesOfficerRoleId)
    principalId: certificatesOfficerPrincipalId
  }
}

// Every read of a secret or certificate is recorded in the workspace (audit category group).
resource audit 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
