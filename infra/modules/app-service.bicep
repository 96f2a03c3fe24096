// Linux App Service running the server (Node 22 LTS): the bot's /api/messages, the REST API the
// tab calls, the reminder scheduler, and the tab's static files. HTTPS only, TLS 1.2 minimum,
// FTP off. The user-assigned managed identity is the server's only credential: App Service gives
// the process IDENTITY_ENDPOINT and IDENTITY_HEADER for it, and MANAGED_IDENTITY_CLIENT_ID names it.
// No client secret is set or stored anywhere.

param name string
param location string
param sku string
param tenantId string
param clientId string
@description('Resource id of the user-assigned managed identity (modules/managed-identity.bicep).')
param managedIdentityId string
@description('Client id of that identity: the server asks App Service for its token (MANAGED_IDENTITY_CLIENT_ID).')
param managedIdentityClientId string
param sharePointSiteId string
param safeguardingMailbox string
param graphBaseUrl string
param authorityHost string
param logLevel string
@secure()
param appInsightsConnectionString string
param logAnalyticsWorkspaceId string
param tags object

var hostName = '${name}.azurewebsites.net'

var baseSettings = [
  {
    name: 'NODE_ENV'
    value: 'production'
  }
  {
    name: 'PORT'
    value: '8080'
  }
  {
    name: 'WEBSITES_PORT'
    value: '8080'
  }
  {
    name: 'TENANT_ID'
    value: tenantId
  }
  {
    name: 'CLIENT_ID'
    value: clientId
  }
  {
    // The secretless credential: the server gets this identity's token for api://AzureADTokenExchange
    // from App Service and presents it to Entra as the app registration's federated client assertion.
    name: 'MANAGED_IDENTITY_CLIENT_ID'
    value: managedIdentityClientId
  }
  {
    name: 'AUTH_AUTHORITY_HOST'
    value: authorityHost
  }
  {
    // Entra v2.0 access tokens carry the client id as their audience.
    name: 'AUTH_AUDIENCE'
    value: clientId
  }
  {
    name: 'AUTH_APPLICATION_ID_URI'
    value: 'api://${hostName}/${clientId}'
  }
  {
    name: 'GRAPH_BASE_URL'
    value: graphBaseUrl
  }
  {
    name: 'SHAREPOINT_SITE_ID'
    value: sharePointSiteId
  }
  {
    name: 'SAFEGUARDING_MAILBOX'
    value: safeguardingMailbox
  }
  {
    // Links in meeting invitations point here.
    name: 'PUBLIC_URL'
    value: 'https://${hostName}'
  }
  {
    name: 'LOG_LEVEL'
    value: logLevel
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsightsConnectionString
  }
  {
    // App Service's Application Insights agent instruments Node.js on Linux without code changes.
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: '~3'
  }
  {
    // The toolkit deploys a ready-built folder (npm ci, the tab and server builds, then prune, run before zip deploy).
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${name}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${managedIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // The compiled server (npm run build:server); `npm start` is the local emulator stack, never production.
      appCommandLine: 'npm run serve'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health'
      appSettings: baseSettings
    }
  }
}

// Deployment uses Entra-authenticated zip deploy; basic (publishing profile) credentials are off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// pino writes JSON lines to stdout; keep them (and HTTP logs) in the Log Analytics workspace.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

output resourceId string = site.id
output hostName string = site.properties.defaultHostName
