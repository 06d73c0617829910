// Exports something that is not a plugin definition: there is no register().
export default { name: 'entry-invalid', version: '1.0.0' }
