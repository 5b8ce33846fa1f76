// The Functions app on a Flex Consumption (FC1) plan: Linux, .NET 10 isolated worker, HTTPS only, no FTP and no
// basic-auth publishing. It runs as the user-assigned identity, which also fetches its deployment package and
// resolves its Key Vault references.

@description('Name of the function app, unique in Azure (it is the host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('URL of the blob container Flex Consumption deploys the app package to.')
param deploymentContainerUrl string

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('App settings, name to value. None may hold a secret: secrets are Key Vault references.')
param appSettings object

@description('Application (client) id of the Entra ID app registration users sign in with.')
param authClientId string

@description('Tags for the plan and the app; the app also gets the azd service tag.')
param tags object = {}

@description('The azd service this app is deployed as (azure.yaml).')
param azdServiceName string = 'scheduler'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': azdServiceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(appSettings), setting => {
        name: setting.key
        value: setting.value
      })
    }
  }
}

// App Service Authentication with Entra ID: the platform checks each caller's token or session and hands the app
// their claims in X-MS-CLIENT-PRINCIPAL (removing any such header a client sends). Anonymous calls still reach the
// app, which answers 401 itself and decides who may see what (the OpenAPI document is public).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
      runtimeVersion: '~1'
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: {
        convention: 'NoProxy'
      }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: true
      }
    }
  }
}

// Basic-auth publishing (FTP and the SCM site's user name and password) is a shared secret; deployments use Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = app.name

@description('Default host name of the function app.')
output defaultHostName string = app.properties.defaultHostName
