// The two specs of Kyma's guide, system-backup.yaml and all-backup.yaml, as
// data (their null fields left out): what the defaults must reproduce.

export const SYSTEM_NAMESPACES = ['istio-system', 'kyma-system', 'kyma-integration', 'kyma-installer', 'default', 'natss'];

/** system-backup.yaml without its null fields. */
export const SYSTEM_SPEC = {
  includedNamespaces: SYSTEM_NAMESPACES,
  excludedNamespaces: ['kyma-backup'],
  includedResources: ['*'],
  excludedResources: ['testdefinitions.testing.kyma-project.io', 'pods'],
  storageLocation: 'default',
  volumeSnapshotLocations: ['default'],
};

/** all-backup.yaml without its null fields. */
export const USER_SPEC = {
  includedNamespaces: ['*'],
  excludedNamespaces: [...SYSTEM_NAMESPACES, 'kyma-backup'],
  includedResources: ['*'],
  excludedResources: ['pods'],
  includeClusterResources: true,
  storageLocation: 'default',
  volumeSnapshotLocations: ['default'],
};
