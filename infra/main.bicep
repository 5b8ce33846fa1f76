// Everything the scheduler needs in one resource group: its Functions app on Flex Consumption, the storage account
// for the host and the app's tables and queues, Application Insights, a Key Vault for the credentials it sends to
// others, and one user-assigned identity that reaches all of them. No setting holds a key or a secret.
//
//   az deployment group create -g <resource group> -f infra/main.bicep -p namePrefix=<name>
// or `azd up`, which reads infra/main.parameters.json.

targetScope = 'resourceGroup'

@description('Azure region for every resource; it must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Short name of the environment (azd\'s environment name): lowercase letters, digits and hyphens. It starts every resource name.')
@minLength(2)
@maxLength(32)
param namePrefix string

@description('Memory of each app instance, in MB. The solver of a large site needs more than 512.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (one site is planned per message, so this bounds parallel plans).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Six-field NCRONTAB schedule, in UTC, of PlanAllSites: a plan request for every site.')
param planAllSitesSchedule string = '0 */15 * * * *'

@description('Six-field NCRONTAB schedule, in UTC, of PullTariffs: each site\'s price feed.')
param pullTariffsSchedule string = '0 5 * * * *'

@description('Six-field NCRONTAB schedule, in UTC, of PollGridSignals: each site\'s OpenADR 3 VTN.')
param pollGridSignalsSchedule string = '0 */1 * * * *'

@description('The solver\'s time limit per site (Planning__SolverTimeLimit), as a .NET TimeSpan: 1 s to 8 min.')
param solverTimeLimit string = '00:02:00'

@description('App settings that hold secrets, e.g. CsmsDepot1Authorization: the names a site message gives as authorizationSetting, tokenSetting, clientIdSetting, clientSecretSetting or headersSetting. Each becomes a Key Vault reference to the secret of the same name (letters, digits and hyphens).')
param secretNames string[] = []

@description('Object id of the operator (azd passes the signed-in user): gets Key Vault Secrets Officer on the vault, Storage Queue Data Message Sender on the account and Storage Blob Data Contributor on its site-documents container. Empty for none.')
param operatorPrincipalId string = ''

@description('Kind of the operator\'s principal.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('Application (client) id of the Entra ID app registration that signs drivers and operators in (App Service Authentication). Its app roles Operator.All and Operator.<siteId> make operators; see the README.')
param authClientId string

@description('Tags for every resource, beside azd-env-name.')
param tags object = {}

// Names: a hash of the subscription, resource group and prefix keeps the globally unique ones unique; storage and
// Key Vault names allow no more than 24 characters, and storage names no hyphens.
var token = uniqueString(subscription().id, resourceGroup().id, namePrefix)
var compactPrefix = take(toLower(replace(namePrefix, '-', '')), 9)
var allTags = union(tags, { 'azd-env-name': namePrefix })
var identityName = 'id-${namePrefix}-${token}'
var storageAccountName = 'st${compactPrefix}${token}'
var appInsightsName = 'appi-${namePrefix}-${token}'
var keyVaultName = 'kv${compactPrefix}${token}'

// The app's queues, tables and blob containers, as Scheduler.Functions names them (QueueNames, TableNames, BlobContainerNames).
var queueNames = [
  'sites'
  'departures'
  'session-events'
  'site-meter'
  'grid-signals'
  'plan-requests'
  'dispatch'
  'tariff-pulls'
  'vtn-polls'
  'poison-replays'
  'vehicle-commands'
]
var containerNames = [
  'site-documents'
]
var tableNames = [
  'Sites'
  'Sessions'
  'Departures'
  'RecurringDepartures'
  'Boosts'
  'VehicleAccess'
  'Tariffs'
  'GridSignals'
  'Plans'
  'Dispatches'
  'SiteImport'
  'SiteMeter'
  'BillingPeaks'
  'VehicleHistory'
  'Poison'
  'VehicleTokens'
]

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: identityName
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    deploymentContainerName: 'app-package'
    queueNames: queueNames
    tableNames: tableNames
    containerNames: containerNames
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-${namePrefix}-${token}'
    appInsightsName: appInsightsName
    location: location
    tags: allTags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: allTags
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityName: identityName
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    appInsightsName: appInsightsName
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
    siteDocumentsContainerName: containerNames[0]
  }
  // Names known before deployment keep What-If exact, so the order is stated here instead of following outputs.
  dependsOn: [
    identity
    storage
    keyVault
    monitoring
  ]
}

// Secrets stay in Key Vault: each named setting is a reference the platform resolves with the app's identity
// (keyVaultReferenceIdentity). A reference without a version follows the secret's latest version.
// The vault's URI follows from its name, so the references read plainly in What-If and in the portal.
var keyVaultUri = 'https://${keyVaultName}${environment().suffixes.keyvaultDns}/'
var secretSettings = toObject(secretNames, secret => secret, secret => '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${secret})')

var appSettings = union(
  {
    // The host and the app's own storage client use the identity; there is no AzureWebJobsStorage connection string.
    AzureWebJobsStorage__accountName: storage.outputs.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.outputs.clientId
    // The connection string only names the component; telemetry is accepted on the identity's Entra ID token.
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
    PlanAllSitesSchedule: planAllSitesSchedule
    PullTariffsSchedule: pullTariffsSchedule
    PollGridSignalsSchedule: pollGridSignalsSchedule
    Planning__SolverTimeLimit: solverTimeLimit
    // Equal to host.json's extensions.queues.maxDequeueCount.
    Queues__MaxDequeueCount: '5'
  },
  secretSettings
)

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: 'func-${namePrefix}-${token}'
    planName: 'plan-${namePrefix}-${token}'
    location: location
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    appSettings: appSettings
    authClientId: authClientId
    tags: allTags
  }
  // The app reads its package and its storage as soon as it exists, so its identity's roles must be in place first.
  dependsOn: [
    roles
  ]
}

@description('Name of the function app (publish to it; azd deploys the "scheduler" service to it).')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Name of the storage account holding the app\'s queues and tables.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Queue endpoint of the storage account, for sending site and departure messages.')
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint

@description('Name of the Key Vault the secret settings refer to.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('URI of the Key Vault.')
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri

@description('Client id of the app\'s user-assigned identity.')
output AZURE_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('The resource group everything was deployed to.')
output AZURE_RESOURCE_GROUP string = resourceGroup().name
