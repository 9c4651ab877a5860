import { mount } from 'svelte'
import App from './App.svelte'
import './app.css'
import { App as Controller } from './app/app.svelte.js'
import { pageEnvironment } from './app/environment.js'

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')

const app = await Controller.create(pageEnvironment(window))

export default mount(App, { target, props: { app } })
