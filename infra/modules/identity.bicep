// The app's one identity: it reads storage, Key Vault and Application Insights without any key or secret.
// A user-assigned identity exists before the app does, so its role assignments are in place when the app starts.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity, for the app\'s identity list and Key Vault references.')
output id string = identity.id

@description('Client id of the identity, for AzureWebJobsStorage__clientId and the Application Insights authentication string.')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity, for role assignments.')
output principalId string = identity.properties.principalId

@description('Name of the identity.')
output name string = identity.name
