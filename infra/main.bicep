// Azure resources for Safeguarding Supervision, deployed into the school's or trust's own
// subscription by the Microsoft 365 Agents Toolkit (teamsapp.yml, provision → arm/deploy).
//
//   App Service (Linux, Node 22 LTS) ─ runs the server: bot endpoint /api/messages, REST API, tab
//   Azure Bot Service (single-tenant, Teams channel) ─ routes Teams chat to /api/messages
//   Key Vault (RBAC, soft delete, purge protection) ─ the app's client secret / certificate
//   Application Insights (workspace-based) ─ operational telemetry only; no case detail is logged
//
// No secret is stored in this repository: the client secret arrives as a secure parameter from
// the toolkit (SECRET_AAD_APP_CLIENT_SECRET in env/.env.<env>.user) and is written to Key Vault;
// the web app reads it through a Key Vault reference with its managed identity.
targetScope = 'resourceGroup'

@description('Lower-case letters and digits; used to name every resource (the web app name becomes the tab domain).')
@minLength(4)
@maxLength(20)
param resourceBaseName string

@description('Azure region for the resources (the Bot Service registration itself is global). A UK school will usually choose uksouth or ukwest.')
param location string = resourceGroup().location

@description('Client (application) id of the Entra app registration created by the toolkit (AAD_APP_CLIENT_ID). Also the bot id.')
param aadAppClientId string

@description('Directory (tenant) id of the school or trust (AAD_APP_TENANT_ID).')
param aadAppTenantId string = tenant().tenantId

@description('Client secret of the Entra app registration; stored in Key Vault, never in app settings.')
@secure()
param aadAppClientSecret string

@description('Microsoft Graph site id of the restricted safeguarding SharePoint site ("<host>,<site collection id>,<web id>").')
param sharePointSiteId string = ''

@description('User principal name of the shared mailbox in which supervision meetings are booked.')
param safeguardingMailbox string = ''

@description('Microsoft Graph base URL.')
param graphBaseUrl string = 'https://graph.microsoft.com/'

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

@description('App Service plan SKU. B1 is enough for one school; use P0v3 or above for a large trust.')
param appServiceSku string = 'B1'

@description('Display name of the bot in Azure.')
param botDisplayName string = 'Safeguarding Supervision'

@description('Days that Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Optional object id of the IT lead (or a group) to be made Key Vault Certificates Officer, to create and rotate the Graph certificate.')
param keyVaultCertificatesOfficerPrincipalId string = ''

var tags = {
  application: 'safeguarding-supervision'
}
var webAppName = toLower(resourceBaseName)
var keyVaultName = take('kv-${toLower(resourceBaseName)}', 24)
var clientSecretName = 'client-secret'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    resourceBaseName: resourceBaseName
    location: location
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module vault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tenantId: aadAppTenantId
    clientSecretName: clientSecretName
    clientSecret: aadAppClientSecret
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    certificatesOfficerPrincipalId: keyVaultCertificatesOfficerPrincipalId
    tags: tags
  }
}

module web 'modules/app-service.bicep' = {
  name: 'app-service'
  params: {
    name: webAppName
    location: location
    sku: appServiceSku
    tenantId: aadAppTenantId
    clientId: aadAppClientId
    keyVaultName: vault.outputs.name
    clientSecretName: clientSecretName
    sharePointSiteId: sharePointSiteId
    safeguardingMailbox: safeguardingMailbox
    graphBaseUrl: graphBaseUrl
    authorityHost: environment().authentication.loginEndpoint
    logLevel: logLevel
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module vaultAccess 'modules/key-vault-access.bicep' = {
  name: 'key-vault-access'
  params: {
    keyVaultName: vault.outputs.name
    principalId: web.outputs.principalId
  }
}

module bot 'modules/bot-service.bicep' = {
  name: 'bot-service'
  params: {
    name: resourceBaseName
    displayName: botDisplayName
    clientId: aadAppClientId
    tenantId: aadAppTenantId
    messagingEndpoint: 'https://${web.outputs.hostName}/api/messages'
    tags: tags
  }
}

// Read by teamsapp.yml (the toolkit writes each output to env/.env.<env>).
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = web.outputs.resourceId
output BOT_ID string = aadAppClientId
output BOT_DOMAIN string = web.outputs.hostName
output BOT_ENDPOINT string = 'https://${web.outputs.hostName}'
output TAB_DOMAIN string = web.outputs.hostName
output TAB_ENDPOINT string = 'https://${web.outputs.hostName}'
output KEY_VAULT_NAME string = vault.outputs.name
output AZURE_BOT_SERVICE_NAME string = bot.outputs.name
