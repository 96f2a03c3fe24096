// The web app's user-assigned managed identity. The Entra app registration trusts it through a
// federated identity credential (issuer https://login.microsoftonline.com/<tenant>/v2.0, subject =
// this identity's principal id, audience api://AzureADTokenExchange), which teamsapp.yml adds after
// this deployment (infra/federated-credential.mjs). The server asks App Service's identity endpoint
// for this identity's token and presents it to Entra as the app's client assertion, for Microsoft
// Graph and the Bot Framework: the app registration has no client secret.
//
// User-assigned rather than system-assigned so the identity, and the trust in it, outlive the web app.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
