import { recordingPlugin } from '../../../recording-plugin.ts'

export default recordingPlugin()
