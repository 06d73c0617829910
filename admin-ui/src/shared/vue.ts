// The panel's own Vue, re-exported under a fixed URL so plugin modules loaded at run time share it.
export * from 'vue'
