// Key Vault holding the app registration's credential: the client secret the toolkit generated
// and, once created, the certificate used for app-only Microsoft Graph access (Sites.Selected).
// Access is by Azure RBAC only (no access policies); soft delete and purge protection are on so a
// deleted secret or certificate can be recovered and cannot be destroyed early.

param name string
param location string
param tenantId string
param clientSecretName string
@secure()
param clientSecret string
param logAnalyticsWorkspaceId string
@description('Optional principal made Key Vault Certificates Officer (creates and rotates the Graph certificate).')
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

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(clientSecret)) {
  parent: vault
  name: clientSecretName
  properties: {
    value: clientSecret
    contentType: 'Entra app client secret'
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
