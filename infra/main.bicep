// Azure resources for Safeguarding Supervision, deployed into the school's or trust's own
// subscription by the Microsoft 365 Agents Toolkit (teamsapp.yml, provision → arm/deploy).
//
//   App Service (Linux, Node 22 LTS) ─ runs the server: bot endpoint /api/messages, REST API, tab
//   Azure Bot Service (single-tenant, Teams channel) ─ routes Teams chat to /api/messages
//   User-assigned managed identity ─ the server's only credential for Microsoft Entra (Graph and the
//     Bot Framework), trusted by the app registration through a federated identity credential
//   Key Vault (RBAC, soft delete, purge protection) ─ holds no credential of this app
//   Application Insights (workspace-based) ─ operational telemetry only; no case detail is logged
//
// Secretless: the app registration has no client secret and nothing here takes or stores one. The
// server gets the managed identity's token for api://AzureADTokenExchange from App Service
// (IDENTITY_ENDPOINT / IDENTITY_HEADER) and presents it to Entra as the app's client assertion.
// teamsapp.yml adds the federated identity credential to the app registration after this
// deployment, from the outputs below (infra/federated-credential.mjs).
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

@description('Optional object id of the IT lead (or a group) to be made Key Vault Certificates Officer on the (otherwise unused) vault.')
param keyVaultCertificatesOfficerPrincipalId string = ''

var tags = {
  application: 'safeguarding-supervision'
}
var webAppName = toLower(resourceBaseName)
var keyVaultName = take('kv-${toLower(resourceBaseName)}', 24)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    resourceBaseName: resourceBaseName
    location: location
    retentionInDays: logRetentionDays
    tags: tags
  }
}

module identity 'modules/managed-identity.bicep' = {
  name: 'managed-identity'
  params: {
    name: 'id-${toLower(resourceBaseName)}'
    location: location
    tags: tags
  }
}

module vault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: keyVaultName
    location: location
    tenantId: aadAppTenantId
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
    managedIdentityId: identity.outputs.id
    managedIdentityClientId: identity.outputs.clientId
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
// The federated identity credential teamsapp.yml puts on the app registration: Entra trusts tokens
// its own issuer gives this identity (subject = the identity's principal id) for api://AzureADTokenExchange.
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output MANAGED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output FEDERATED_CREDENTIAL_ISSUER string = '${environment().authentication.loginEndpoint}${aadAppTenantId}/v2.0'
