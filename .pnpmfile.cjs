// pnpm hooks for this workspace.
//
// beforePacking (pnpm >= 10.28) rewrites the package.json that `pnpm pack` and `pnpm publish`
// put in the tarball (after publishConfig is applied and workspace: ranges are resolved); the
// package.json on disk is not touched. `changeset publish` publishes through `pnpm publish`, so
// it goes through this hook too. A prepack/postpack pair that rewrites package.json on disk would
// do the same, but leaves the file rewritten whenever packing fails between the two, and its own
// `scripts` entries would have to survive in the manifest it strips.
//
// What a user installs needs neither field: devDependencies name private workspace packages
// (`@lunos-image/fixtures`) and the scripts run files of this repository (`../../scripts`).
// scripts/check-package.mjs checks the packed manifest, so a field that comes back fails CI.
const unpublished = ['devDependencies', 'scripts'];

module.exports = {
  hooks: {
    beforePacking(pkg) {
      for (const field of unpublished) delete pkg[field];
      return pkg;
    },
  },
};
