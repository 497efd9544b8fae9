// Log Analytics workspace and a workspace-based Application Insights component. The app exports its
// OpenTelemetry traces, metrics and logs to Application Insights, and the canary analysis queries the
// workspace (KQL over the Logs API), which is why the workspace id is an output.

@description('Azure region for the monitoring resources.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Days the workspace keeps data (30 is included in the per-GB price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource name of the Log Analytics workspace (the app identity is granted Log Analytics Reader on it).')
output workspaceName string = workspace.name

@description('Workspace (customer) id: the GUID the Azure Monitor Logs query API takes.')
output workspaceCustomerId string = workspace.properties.customerId

@description('Connection string the app exports telemetry with.')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
