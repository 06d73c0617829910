// The panel's own vue-router, shared with plugin modules loaded at run time.
export * from 'vue-router'
